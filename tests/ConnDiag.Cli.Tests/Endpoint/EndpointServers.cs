using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnDiag.Cli.Tests.Endpoint;

/// <summary>
/// The Kestrel apps `conndiag endpoint` is run against: one plain, one TLS (a leaf for localhost, 127.0.0.1 and
/// api.test under a per-run root), each answering the same routes and recording what it received.
/// </summary>
public sealed class EndpointServers : IAsyncLifetime
{
    internal TestWebServer Plain { get; private set; } = null!;
    internal TestWebServer Tls { get; private set; } = null!;
    internal TestCertificates Certificates { get; } = new();

    public async Task InitializeAsync()
    {
        Plain = await TestWebServer.StartAsync(Map);
        Tls = await TestWebServer.StartAsync(Map, Certificates.Leaf);
    }

    public async Task DisposeAsync()
    {
        if (Plain is not null) await Plain.DisposeAsync();
        if (Tls is not null) await Tls.DisposeAsync();
        Certificates.Dispose();
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/ok", () => "hello");
        app.MapGet("/404", (HttpContext c) => Status(c, 404, "no such thing"));
        app.MapGet("/500", (HttpContext c) => Status(c, 500, "boom"));
        // Echoes the credentials it got in a header and in the body: what a careless server does, and what the
        // masking must catch wherever the values land in a report.
        app.MapGet("/echo", (HttpContext c) =>
        {
            var seen = $"auth={c.Request.Headers.Authorization} key={c.Request.Headers["X-Api-Key"]}";
            c.Response.StatusCode = 401;
            c.Response.Headers.Append("X-Echo", seen);
            return c.Response.WriteAsync(seen);
        });
    }

    private static Task Status(HttpContext c, int status, string body)
    {
        c.Response.StatusCode = status;
        return c.Response.WriteAsync(body);
    }

    /// <summary>
    /// Runs `conndiag endpoint ARGS` with the proxy variables removed, so a proxy set on the machine that runs the
    /// tests cannot carry (or break) loopback traffic, and HTTP.SLOW thresholds far above what a loaded CI machine
    /// can take (a cold process's first request may pass 500 ms); a test that gives its own thresholds overrides them.
    /// </summary>
    public static Task<CliRun> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null)
    {
        var env = new Dictionary<string, string?>();
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY" })
        {
            env[name] = null;
            env[name.ToLowerInvariant()] = null;
        }
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) env[k] = v;
        return Conndiag.RunAsync(["endpoint", "--warn-ms", "60000", "--critical-ms", "60000", .. args], stdin, environment: env);
    }
}
