using ConnDiag.Core.Tests.Http.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnDiag.Core.Tests.Claude.Router.Support;

/// <summary>
/// claude-code-router v2 and v3 as a client meets them (research spec §4.7/§4.8), on loopback Kestrel: the public
/// <c>/</c> and <c>/health</c>, the auth middleware's answers, and the one request each generation is probed with.
/// </summary>
internal static class FakeRouters
{
    /// <summary>v2 (fastify): plain-text 401s from the auth middleware, x-api-key or Bearer accepted.</summary>
    public static Task<TestWebServer> StartV2Async(string apiKey) => TestWebServer.StartAsync(app =>
    {
        app.MapGet("/", () => Results.Json(new { message = "LLMs API", version = "1.0.28" }));
        app.MapGet("/health", () => Results.Json(new { status = "ok", timestamp = "2026-11-22T07:00:00.000Z" }));
        app.MapPost("/v1/messages/count_tokens", (HttpRequest request) =>
        {
            var given = request.Headers["x-api-key"].FirstOrDefault() ?? Bearer(request);
            if (string.IsNullOrEmpty(given)) return Results.Text("APIKEY is missing", "text/plain", statusCode: 401);
            if (given != apiKey) return Results.Text("Invalid API key", "text/plain", statusCode: 401);
            return Results.Json(new { input_tokens = 9 });
        });
    });

    /// <summary>v3: a JSON root naming the product, a health answer with the core's state, Bearer on /v1/models.</summary>
    public static Task<TestWebServer> StartV3Async(string apiKey) => TestWebServer.StartAsync(app =>
    {
        app.MapGet("/", () => Results.Json(new { name = "claude-code-router", version = "3.0.2" }));
        app.MapGet("/health", () => Results.Json(new { status = "running", core = new { status = "ready" }, timestamp = 1795330800000 }));
        app.MapGet("/v1/models", (HttpRequest request) => Bearer(request) == apiKey
            ? Results.Json(new { @object = "list", data = new[] { new { id = "openrouter,anthropic/claude-sonnet-4.5", @object = "model" } } })
            : Results.Json(new { error = new { message = "Invalid API key", type = "api_error", code = "invalid_api_key" } }, statusCode: 401));
    });

    /// <summary>Some other web server holding the port.</summary>
    public static Task<TestWebServer> StartOtherAsync() => TestWebServer.StartAsync(app =>
    {
        app.MapGet("/", () => Results.Text("<html><body>Jupyter Server</body></html>", "text/html"));
        app.MapGet("/health", () => Results.Text("not here", "text/plain", statusCode: 404));
    });

    private static string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.FirstOrDefault() is { } a && a.StartsWith("Bearer ", StringComparison.Ordinal) ? a["Bearer ".Length..] : null;
}
