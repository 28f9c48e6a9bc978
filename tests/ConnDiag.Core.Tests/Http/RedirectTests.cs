using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>
/// Two Kestrel apps: the origin that redirects (within itself, in a loop, and to the other one), and an
/// off-host target that records every header it received.
/// </summary>
public sealed class RedirectServers : IAsyncLifetime
{
    internal TestWebServer Origin { get; private set; } = null!;
    internal TestWebServer Elsewhere { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Elsewhere = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/landing", () => "landed elsewhere");
            app.MapGet("/bounce", (HttpContext c) => Redirect(c, 302, $"http://{TestCertificates.ExtraName}:{Origin!.Port}/final"));
        });
        var elsewhere = $"http://127.0.0.1:{Elsewhere.Port}";
        Origin = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/r1", (HttpContext c) => Redirect(c, 302, "/r2"));
            app.MapGet("/r2", (HttpContext c) => Redirect(c, 301, "/final"));
            app.MapGet("/final", () => "done");
            app.MapGet("/loop", (HttpContext c) => Redirect(c, 302, "/loop"));
            app.MapGet("/off", (HttpContext c) => Redirect(c, 302, $"{elsewhere}/landing?token=tok-0123456789abcdef&page=2"));
            app.MapGet("/away-and-back", (HttpContext c) => Redirect(c, 307, $"{elsewhere}/bounce"));
            app.MapPost("/post303", (HttpContext c) => Redirect(c, 303, "/final"));
            app.MapPost("/post307", (HttpContext c) => Redirect(c, 307, "/echo-method"));
            app.MapPost("/echo-method", async (HttpContext c) =>
            {
                using var reader = new StreamReader(c.Request.Body);
                await c.Response.WriteAsync($"{c.Request.Method} {await reader.ReadToEndAsync()}");
            });
        });
    }

    private static Task Redirect(HttpContext c, int status, string location)
    {
        c.Response.StatusCode = status;
        c.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Origin.DisposeAsync();
        await Elsewhere.DisposeAsync();
    }
}

public class RedirectTests(RedirectServers servers) : IClassFixture<RedirectServers>
{
    private const string Bearer = "sk-ant-api03-REDIRECTCANARY-0000000000-Qq77";
    private const string ApiKey = "xkey-REDIRECTCANARY-1111111111";
    private const string Cookie = "sid=REDIRECTCANARY-cookie-2222222";
    private const string Custom = "custom-REDIRECTCANARY-3333333333";

    private HttpProbeOptions Pinned => Fast with { ConnectTo = servers.Origin.EndPoint };

    private static HttpProbeRequest WithCredentials(HttpProbeRequest r) => r with
    {
        Headers =
        [
            new("Authorization", "Bearer " + Bearer),
            new("x-api-key", ApiKey),
            new("Cookie", Cookie),
            new("X-Custom-Token", Custom),
            new("X-Trace", "visible-trace-id"),
        ],
        SecretHeaderNames = ["X-Custom-Token"],
    };

    [Fact]
    public async Task Redirects_on_the_same_host_are_followed_and_every_hop_is_recorded()
    {
        var result = await ProbeAsync(servers.Origin.Url("/r1"));

        Assert.Empty(result.Findings);
        Assert.Equal(2, result.RedirectCount);
        var hops = result.Attempts[0].Exchanges;
        Assert.Equal([302, 301, 200], hops.Select(h => h.StatusCode!.Value));
        Assert.Equal(servers.Origin.Url("/r2").ToString(), hops[0].Location);
        Assert.Equal(servers.Origin.Url("/final").ToString(), hops[1].Location);
        Assert.All(hops, h => Assert.NotNull(h.Phases.ConnectMs));
        Assert.Equal("done", result.Final.BodyPreview);
    }

    [Fact]
    public async Task A_redirect_loop_is_TOO_MANY_REDIRECTS_after_the_limit()
    {
        var result = await ProbeAsync(servers.Origin.Url("/loop"), Fast with { MaxRedirects = 3 });

        var f = Single(result, FindingCodes.HttpTooManyRedirects);
        Assert.Contains("after 3 redirects", f.Summary);
        Assert.Equal(4, result.Attempts[0].Exchanges.Count);
    }

    [Fact]
    public async Task FollowRedirects_off_reports_the_3xx_itself()
    {
        var result = await ProbeAsync(servers.Origin.Url("/r1"), Fast with { FollowRedirects = false });
        Assert.Equal(302, result.StatusCode);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task An_off_host_redirect_is_followed_without_credentials_and_reported()
    {
        var url = servers.Origin.Url(TestCertificates.ExtraName, "/off");
        var result = await ProbeAsync(url, Pinned, WithCredentials);

        // The origin got everything; the other host got the request without a single credential.
        var atOrigin = servers.Origin.Received.Last(r => r.Path == "/off");
        Assert.True(atOrigin.Has("Authorization") && atOrigin.Has("x-api-key") && atOrigin.Has("Cookie") && atOrigin.Has("X-Custom-Token"));
        var landed = servers.Elsewhere.Received.Where(r => r.Path.StartsWith("/landing", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(landed);
        foreach (var r in landed)
        {
            Assert.False(r.Has("Authorization") || r.Has("x-api-key") || r.Has("Cookie") || r.Has("X-Custom-Token"),
                "a credential reached the other host: " + string.Join(", ", r.Headers.Select(h => h.Key)));
            Assert.DoesNotContain(r.Headers, h => h.Value.Contains("REDIRECTCANARY", StringComparison.Ordinal));
            Assert.True(r.Has("X-Trace"));
        }

        var f = Single(result, FindingCodes.HttpRedirectOffHost);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains($"http://{TestCertificates.ExtraName}:{servers.Origin.Port}", f.Summary);
        Assert.Contains($"http://127.0.0.1:{servers.Elsewhere.Port}", f.Summary);
        Assert.Contains("Authorization, x-api-key, Cookie, X-Custom-Token were not sent there", f.Summary);
        Assert.Equal(Outcome.Warn, result.Outcome);
        Assert.Equal("landed elsewhere", result.Final.BodyPreview);
        Assert.Equal(["Authorization", "x-api-key", "Cookie", "X-Custom-Token"], result.Final.DroppedHeaders);
        // The pin applied to the original host only: the other host was connected at its own address and port.
        Assert.Equal(servers.Elsewhere.Port, result.Final.RemotePort);
        // Secret-looking query values in the Location are masked too.
        Assert.DoesNotContain("tok-0123456789abcdef", result.Attempts[0].Exchanges[0].Location);

        var json = ToJson(result);
        foreach (var secret in new[] { Bearer, ApiKey, Cookie, Custom, "REDIRECTCANARY", "tok-0123456789abcdef" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Credentials_go_again_when_the_chain_returns_to_the_original_host()
    {
        var result = await ProbeAsync(servers.Origin.Url(TestCertificates.ExtraName, "/away-and-back"), Pinned, WithCredentials);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(3, result.Attempts[0].Exchanges.Count);
        Assert.DoesNotContain(result.Attempts[0].Exchanges[1].RequestHeaders, h => h.Name is "Authorization" or "x-api-key");
        Assert.Contains(result.Final.RequestHeaders, h => h.Name == "Authorization");
        var bounced = servers.Elsewhere.Received.Last(r => r.Path == "/bounce");
        Assert.False(bounced.Has("Authorization"));
        Single(result, FindingCodes.HttpRedirectOffHost);
    }

    [Fact]
    public async Task A_303_after_a_POST_becomes_a_GET_without_the_body_and_a_307_repeats_the_POST()
    {
        var body = "{\"q\":1}"u8.ToArray();
        var seeOther = await ProbeAsync(servers.Origin.Url("/post303"), request: r => r with
        {
            Method = "POST",
            Body = body,
            Headers = [new("Content-Type", "application/json")],
        });
        Assert.Equal(200, seeOther.StatusCode);
        Assert.Equal("GET /final HTTP/1.1", seeOther.Final.RequestLine);
        Assert.DoesNotContain(seeOther.Final.RequestHeaders, h => h.Name == "Content-Type");

        var temporary = await ProbeAsync(servers.Origin.Url("/post307"), request: r => r with
        {
            Method = "POST",
            Body = body,
            Headers = [new("Content-Type", "application/json")],
        });
        Assert.Equal("POST {\"q\":1}", temporary.Final.BodyPreview);
    }
}
