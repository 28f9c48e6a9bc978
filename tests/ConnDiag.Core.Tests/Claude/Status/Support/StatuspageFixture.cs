using System.Text;
using ConnDiag.Core.Tests.Http.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnDiag.Core.Tests.Claude.Status.Support;

/// <summary>
/// A loopback Kestrel server that plays Atlassian Statuspage: each scenario is a page under its own prefix
/// (<c>/degraded</c> serves <c>/degraded/api/v2/summary.json</c>), written after the v2 API's documented shape.
/// Tests pass <see cref="Page"/> URLs; no public status page is ever contacted.
/// </summary>
internal sealed class StatuspageFixture : IAsyncDisposable
{
    public const string Operational = "operational";
    public const string Degraded = "degraded";
    public const string Outage = "outage";
    public const string Maintenance = "maintenance";
    public const string Html = "html";
    public const string InvalidJson = "invalid-json";
    public const string WrongJson = "wrong-json";
    public const string Oversized = "oversized";
    public const string Slow = "slow";
    public const string Missing = "missing";

    /// <summary>Bigger than the client's 2 MiB default cap.</summary>
    public const int OversizedBytes = 3 * 1024 * 1024;

    private readonly TestWebServer _server;

    private StatuspageFixture(TestWebServer server) => _server = server;

    public static async Task<StatuspageFixture> StartAsync()
    {
        var server = await TestWebServer.StartAsync(app =>
        {
            MapJson(app, Operational, Summary("none", "All Systems Operational", components: "", incidents: "", maintenances: ""));
            MapJson(app, Degraded, Summary("minor", "Partially Degraded Service",
                components: Component("cmp-api", "Claude API (api.anthropic.com)", "partial_outage") + "," + Component("cmp-code", "Claude Code", "degraded_performance"),
                incidents: Incident("Elevated errors on the Messages API", "identified", "minor", "https://stspg.io/deg1"),
                maintenances: ""));
            MapJson(app, Outage, Summary("major", "Partial System Outage",
                components: Component("cmp-api", "Claude API (api.anthropic.com)", "major_outage", groupId: "grp-1") + "," + Group("grp-1", "APIs", "major_outage"),
                incidents: Incident("Claude API unavailable", "investigating", "major", "https://stspg.io/out1")
                    + "," + Incident("Resolved hiccup that the summary still lists", "resolved", "minor", "https://stspg.io/old1"),
                maintenances: ""));
            MapJson(app, Maintenance, Summary("maintenance", "Service Under Maintenance",
                components: Component("cmp-console", "platform.claude.com", "under_maintenance"),
                incidents: "",
                maintenances: Incident("Database upgrade", "in_progress", "maintenance", "https://stspg.io/mnt1")
                    + "," + Incident("Next week's upgrade", "scheduled", "maintenance", "https://stspg.io/mnt2")));
            app.MapGet($"/{Html}/api/v2/summary.json", () => Results.Content(
                "<!DOCTYPE html><html><head><title>Status</title></head><body><h1>All good</h1></body></html>", "text/html; charset=utf-8"));
            app.MapGet($"/{InvalidJson}/api/v2/summary.json", () => Results.Content("{\"page\": {\"name\": \"Broken\", ", "application/json"));
            app.MapGet($"/{WrongJson}/api/v2/summary.json", () => Results.Content("{\"status\": \"ok\", \"uptime\": 99.9}", "application/json"));
            app.MapGet($"/{Oversized}/api/v2/summary.json", async (HttpContext context) =>
            {
                context.Response.ContentType = "application/json";
                var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
                await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("{\"page\":{},\"status\":{\"indicator\":\"none\"},\"pad\":\""));
                for (var sent = 0; sent < OversizedBytes && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }
            });
            app.MapGet($"/{Slow}/api/v2/summary.json", async (HttpContext context) =>
            {
                // Longer than any timeout the tests give; the client's abort ends it early.
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                await context.Response.WriteAsync("{}");
            });
        });
        return new StatuspageFixture(server);
    }

    /// <summary>The base URL of one scenario's page, e.g. <c>http://127.0.0.1:PORT/degraded</c>.</summary>
    public string Page(string scenario) => _server.Url("/" + scenario).ToString().TrimEnd('/');

    /// <summary>Every request the server received (path and query), to prove what was and was not asked for.</summary>
    public IReadOnlyList<string> RequestedPaths => _server.Received.Select(r => r.Path).ToList();

    private static void MapJson(WebApplication app, string scenario, string json) =>
        app.MapGet($"/{scenario}/api/v2/summary.json", () => Results.Content(json, "application/json; charset=utf-8"));

    private static string Summary(string indicator, string description, string components, string incidents, string maintenances) => $$"""
        {
          "page": {"id": "fixture01", "name": "Fixture Status", "url": "https://status.example.test", "time_zone": "Etc/UTC", "updated_at": "2026-11-22T05:10:00.000Z"},
          "components": [
            {{Component("cmp-ok", "claude.ai", "operational")}}{{(components.Length > 0 ? "," : "")}}{{components}}
          ],
          "incidents": [{{incidents}}],
          "scheduled_maintenances": [{{maintenances}}],
          "status": {"indicator": "{{indicator}}", "description": "{{description}}"}
        }
        """;

    private static string Component(string id, string name, string status, string? groupId = null) => $$"""
        {"id": "{{id}}", "name": "{{name}}", "status": "{{status}}", "created_at": "2024-01-01T00:00:00.000Z", "updated_at": "2026-11-22T05:00:00.000Z", "position": 1, "description": null, "showcase": true, "start_date": null, "group_id": {{(groupId is null ? "null" : $"\"{groupId}\"")}}, "page_id": "fixture01", "group": false, "only_show_if_degraded": false}
        """;

    private static string Group(string id, string name, string status) => $$"""
        {"id": "{{id}}", "name": "{{name}}", "status": "{{status}}", "created_at": "2024-01-01T00:00:00.000Z", "updated_at": "2026-11-22T05:00:00.000Z", "position": 2, "description": null, "showcase": false, "start_date": null, "group_id": null, "page_id": "fixture01", "group": true, "only_show_if_degraded": false, "components": ["cmp-api"]}
        """;

    private static string Incident(string name, string status, string impact, string shortlink) => $$"""
        {"id": "inc-{{shortlink[^4..]}}", "name": "{{name}}", "status": "{{status}}", "impact": "{{impact}}", "created_at": "2026-11-22T04:40:00.000Z", "updated_at": "2026-11-22T05:05:00.000Z", "started_at": "2026-11-22T04:41:00.000Z", "scheduled_for": null, "shortlink": "{{shortlink}}", "page_id": "fixture01", "incident_updates": [{"id": "upd-1", "status": "{{status}}", "body": "We are looking into it.", "created_at": "2026-11-22T05:05:00.000Z"}], "components": []}
        """;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
