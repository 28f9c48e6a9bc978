using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Findings;
using ConnDiag.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>CORS answers written by hand, one route per policy, so each browser rule is exercised on its own.</summary>
public sealed class CorsServer : IAsyncLifetime
{
    public const string AppOrigin = "https://app.example";

    internal TestWebServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestWebServer.StartAsync(app =>
        {
            Route(app, "/allow", preflight: c => Allow(c, AppOrigin, "GET, POST, PUT", "authorization, content-type, x-api-key", credentials: true),
                actual: c => c.Response.Headers.AccessControlAllowOrigin = AppOrigin);
            Route(app, "/other-origin", preflight: c => Allow(c, "https://other.example", "GET, POST", "content-type", false),
                actual: c => c.Response.Headers.AccessControlAllowOrigin = "https://other.example");
            Route(app, "/few-headers", preflight: c => Allow(c, "*", "GET", "content-type", false),
                actual: c => c.Response.Headers.AccessControlAllowOrigin = "*");
            Route(app, "/wildcard", preflight: c => Allow(c, "*", "*", "*", false),
                actual: c => c.Response.Headers.AccessControlAllowOrigin = "*");
            Route(app, "/preflight-only", preflight: c => Allow(c, AppOrigin, "GET", "x-api-key", false), actual: _ => { });
            app.MapGet("/no-options", () => "no preflight route");
        });
    }

    private static void Route(WebApplication app, string path, Action<HttpContext> preflight, Action<HttpContext> actual)
    {
        app.MapMethods(path, ["OPTIONS"], (HttpContext c) =>
        {
            preflight(c);
            c.Response.StatusCode = 204;
        });
        app.MapMethods(path, ["GET", "PUT", "POST"], (HttpContext c) =>
        {
            actual(c);
            return c.Response.WriteAsync("data");
        });
    }

    private static void Allow(HttpContext c, string origin, string methods, string headers, bool credentials)
    {
        c.Response.Headers.AccessControlAllowOrigin = origin;
        c.Response.Headers.AccessControlAllowMethods = methods;
        c.Response.Headers.AccessControlAllowHeaders = headers;
        if (credentials) c.Response.Headers.AccessControlAllowCredentials = "true";
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public class CorsTests(CorsServer fixture) : IClassFixture<CorsServer>
{
    private readonly TestWebServer _server = fixture.Server;
    private static HttpProbeOptions WithOrigin => Fast with { Origin = CorsServer.AppOrigin };

    private static HttpProbeRequest ApiCall(HttpProbeRequest r) => r with
    {
        Method = "PUT",
        Headers = [new("Authorization", "Bearer sk-ant-api03-CORSCANARY-000000-Zz11"), new("x-api-key", "corscanary-key-123456"), new("Content-Type", "application/json")],
    };

    [Fact]
    public async Task An_allowed_origin_method_and_headers_pass_the_preflight()
    {
        var result = await ProbeAsync(_server.Url("/allow"), WithOrigin with { CorsWithCredentials = true }, ApiCall);

        Assert.True(result.Findings.Count == 0, Describe(result));
        var cors = Assert.IsType<CorsCheck>(result.Cors);
        Assert.True(cors.Allowed);
        Assert.Equal(["authorization", "content-type", "x-api-key"], cors.RequestHeaders);
        Assert.Equal("PUT", cors.RequestMethod);
        Assert.Equal(204, cors.Preflight.StatusCode);
        Assert.True(cors.AllowCredentials);
        // The preflight itself carries no credentials, as in a browser.
        var preflight = _server.Received.Last(r => r.Method == "OPTIONS" && r.Path == "/allow");
        Assert.False(preflight.Has("Authorization") || preflight.Has("x-api-key"));
        Assert.Contains(preflight.Headers, h => h.Key == "Access-Control-Request-Headers" && h.Value == "authorization,content-type,x-api-key");
        Assert.Contains(preflight.Headers, h => h.Key == "Origin" && h.Value == CorsServer.AppOrigin);
        Assert.Equal(["Authorization", "x-api-key"], cors.Preflight.DroppedHeaders);
    }

    [Fact]
    public async Task Another_origin_is_CORS_DENIED_naming_what_the_server_allowed()
    {
        var result = await ProbeAsync(_server.Url("/other-origin"), WithOrigin);

        var f = Single(result, FindingCodes.HttpCorsDenied);
        Assert.Contains("Access-Control-Allow-Origin is 'https://other.example', not 'https://app.example'", f.Summary);
        Assert.Contains("the server allowed origin 'https://other.example'", f.Evidence);
        Assert.False(result.Cors!.Allowed);
    }

    [Fact]
    public async Task A_method_or_headers_not_allowed_are_CORS_DENIED_with_each_reason()
    {
        var result = await ProbeAsync(_server.Url("/few-headers"), WithOrigin, ApiCall);

        var f = Single(result, FindingCodes.HttpCorsDenied);
        Assert.Contains("method PUT is not in Access-Control-Allow-Methods: 'GET'", f.Evidence);
        Assert.Contains("request headers authorization, x-api-key are not in Access-Control-Allow-Headers: 'content-type'", f.Evidence);
        Assert.Equal(2, result.Cors!.Problems.Count);
    }

    [Fact]
    public async Task Wildcards_allow_an_anonymous_request_but_never_Authorization_or_credentials()
    {
        var anonymous = await ProbeAsync(_server.Url("/wildcard"), WithOrigin, r => r with { Method = "PUT", Headers = [new("X-Trace", "1")] });
        Assert.True(anonymous.Cors!.Allowed, Describe(anonymous));

        var withAuth = await ProbeAsync(_server.Url("/wildcard"), WithOrigin, ApiCall);
        var f = Single(withAuth, FindingCodes.HttpCorsDenied);
        Assert.Contains("'*' never covers Authorization", f.Evidence);

        var credentialed = await ProbeAsync(_server.Url("/wildcard"), WithOrigin with { CorsWithCredentials = true }, r => r with { Headers = [new("X-Trace", "1")] });
        var g = Single(credentialed, FindingCodes.HttpCorsDenied);
        Assert.Contains("'*', which a credentialed request may not use", g.Evidence);
    }

    [Fact]
    public async Task A_preflight_that_is_not_answered_with_2xx_is_CORS_DENIED()
    {
        var result = await ProbeAsync(_server.Url("/no-options"), WithOrigin);

        var f = Single(result, FindingCodes.HttpCorsDenied);
        Assert.Contains("the preflight answered 405", f.Summary);
    }

    [Fact]
    public async Task A_response_without_Allow_Origin_is_CORS_DENIED_even_after_a_good_preflight()
    {
        var result = await ProbeAsync(_server.Url("/preflight-only"), WithOrigin, r => r with { Headers = [new("x-api-key", "corscanary-key-123456")] });

        Assert.True(result.Cors!.Allowed);
        var f = Single(result, FindingCodes.HttpCorsDenied);
        Assert.Contains("would not let the page read the response", f.Summary);
        Assert.Contains(_server.Received, r => r.Method == "GET" && r.Path == "/preflight-only" && r.Headers.Any(h => h.Key == "Origin" && h.Value == CorsServer.AppOrigin));
    }
}
