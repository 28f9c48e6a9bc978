using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnDiag.Core.Tests.Diagnosis;

/// <summary>
/// The whole pipeline against real loopback servers: Kestrel for HTTP, `openssl s_server` for TLS, a port nobody
/// listens on for TCP. Proxy settings are explicit and ignore the environment, so the route is always direct.
/// </summary>
public sealed class EndpointDiagnoserTests
{
    internal static EndpointDiagnosisOptions Options() => new()
    {
        Timeout = TimeSpan.FromSeconds(5),
        Proxy = new ProxyOptions(UseEnvironment: false),
        // A cold Kestrel may take longer than the default 500 ms to answer; the verdicts here must not depend on timing.
        Http = ConnDiag.Http.HttpProbeOptions.Default with { WarnMs = 60_000, CriticalMs = 120_000 },
    };

    private static IReadOnlyList<(string, Outcome)> Shape(DiagnosticReport r) => r.Stages.Select(s => (s.Stage, s.Outcome)).ToList();

    private static Task<TestWebServer> Kestrel() => TestWebServer.StartAsync(app =>
    {
        app.MapGet("/", () => "hello");
        app.MapGet("/503", (HttpContext c) =>
        {
            c.Response.StatusCode = 503;
            c.Response.Headers.RetryAfter = "30";
            return c.Response.WriteAsync("maintenance");
        });
    });

    [Fact]
    public async Task Http_url_on_a_working_server_passes_with_dns_and_proxy_skipped()
    {
        await using var server = await Kestrel();

        var r = await new EndpointDiagnoser().DiagnoseAsync(server.Url("/").ToString(), Options());

        Assert.Equal(
            [("config", Outcome.Pass), ("dns", Outcome.Skipped), ("tcp", Outcome.Pass), ("proxy", Outcome.Skipped), ("tls", Outcome.Skipped), ("http", Outcome.Pass)],
            Shape(r));
        Assert.Equal(Outcome.Pass, r.Outcome);
        Assert.Null(r.FailedStage);
        Assert.True(r.Findings.Count == 0, string.Join("\n", r.Findings));
        Assert.Equal(new Target("127.0.0.1", server.Port), r.Target);
        Assert.Contains("IP address", r.StageNamed("dns")!.Summary);
        Assert.Contains("proxy", r.StageNamed("proxy")!.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.All(r.Stages.Where(s => s.Outcome != Outcome.Skipped), s => Assert.True(s.DurationMs > 0, s.Stage));
        var http = Assert.IsType<ConnDiag.Http.HttpProbeResult>(r.StageNamed("http")!.Evidence);
        Assert.Equal(200, http.StatusCode);
        Assert.Single(server.Received);
    }

    [LinuxFact]
    public async Task Refused_port_fails_at_tcp_with_the_local_reason_and_skips_the_rest()
    {
        var port = TestSockets.FreePort();

        var r = await new EndpointDiagnoser().DiagnoseAsync($"http://127.0.0.1:{port}/", Options());

        Assert.Equal("tcp", r.FailedStage);
        Assert.Equal(Outcome.Fail, r.Outcome);
        Assert.Equal(
            [("config", Outcome.Pass), ("dns", Outcome.Skipped), ("tcp", Outcome.Fail), ("proxy", Outcome.Skipped), ("tls", Outcome.Skipped), ("http", Outcome.Skipped)],
            Shape(r));
        Assert.All(r.Stages.Skip(3), s => Assert.Equal("skipped: the tcp stage failed", s.Summary));
        Assert.All(r.Stages.Skip(3), s => Assert.Equal(0, s.DurationMs));
        var codes = r.Findings.Select(f => f.Code).ToList();
        Assert.Contains(FindingCodes.TcpRefused, codes);
        Assert.Contains(FindingCodes.LocalNotListening, codes);
    }

    [Fact]
    public async Task Bare_host_and_port_stops_after_tcp()
    {
        await using var server = await Kestrel();

        var r = await new EndpointDiagnoser().DiagnoseAsync($"127.0.0.1:{server.Port}", Options());

        Assert.Equal(
            [("config", Outcome.Pass), ("dns", Outcome.Skipped), ("tcp", Outcome.Pass), ("proxy", Outcome.Skipped), ("tls", Outcome.Skipped), ("http", Outcome.Skipped)],
            Shape(r));
        Assert.Contains("not a URL", r.StageNamed("http")!.Summary);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Service_unavailable_fails_at_http()
    {
        await using var server = await Kestrel();

        var r = await new EndpointDiagnoser().DiagnoseAsync(server.Url("/503"), Options());

        Assert.Equal("http", r.FailedStage);
        Assert.Equal(Outcome.Pass, r.Stages.Single(s => s.Stage == "tcp").Outcome);
        Assert.Contains(FindingCodes.HttpServiceUnavailable, r.Findings.Select(f => f.Code));
    }

    [LinuxFact("openssl")]
    public async Task Leaf_only_chain_fails_at_tls_and_skips_http()
    {
        using var pki = new TestChain();
        using var leaf = pki.Leaf();
        using var server = OpenSslServer.Start(leaf);
        var options = Options() with { TlsChain = pki.Trusting };

        var r = await new EndpointDiagnoser().DiagnoseAsync($"https://127.0.0.1:{server.Port}/", options);

        Assert.Equal("tls", r.FailedStage);
        Assert.Equal(
            [("config", Outcome.Pass), ("dns", Outcome.Skipped), ("tcp", Outcome.Pass), ("proxy", Outcome.Skipped), ("tls", Outcome.Fail), ("http", Outcome.Skipped)],
            Shape(r));
        Assert.Contains(FindingCodes.TlsChainIncomplete, r.Findings.Select(f => f.Code));
        Assert.Equal("skipped: the tls stage failed", r.StageNamed("http")!.Summary);
        var tls = Assert.IsType<ConnDiag.Tls.TlsChainReport>(r.StageNamed("tls")!.Evidence);
        Assert.Equal(IPAddress.Loopback, tls.Address);
    }

    [Theory]
    [InlineData("ftp://example.test/", "scheme 'ftp'")]
    [InlineData("127.0.0.1", "no port")]
    [InlineData("127.0.0.1:99999", "port '99999'")]
    public async Task Bad_targets_are_clear_argument_errors(string target, string expected)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => new EndpointDiagnoser().DiagnoseAsync(target, Options()));
        Assert.Contains(expected, e.Message);
    }
}
