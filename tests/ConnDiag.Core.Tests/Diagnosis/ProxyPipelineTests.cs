using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Proxy.Support;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Dns.Configuration;
using ConnDiag.Dns.Stage;
using ConnDiag.Dns.Transport;
using ConnDiag.Findings;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;
using ConnDiag.Tls;
using Microsoft.AspNetCore.Builder;

namespace ConnDiag.Core.Tests.Diagnosis;

/// <summary>
/// The whole pipeline through tinyproxy: the route is decided first, so the direct dns and tcp toward the target
/// only inform (tcp is skipped), TLS is judged through a CONNECT tunnel, and a proxy that refuses stops the run.
/// </summary>
public sealed class ProxyPipelineTests : IDisposable
{
    private readonly TestCertificates _pki = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-proxy-pipeline-").FullName;

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private EndpointDiagnosisOptions Through(string proxyUrl, bool compareDirect = false) => EndpointDiagnoserTests.Options() with
    {
        Proxy = new ProxyOptions(proxyUrl, NoProxy: "", UseEnvironment: false),
        // The test leaf lives 10 days: below the default 14-day warning, which is not what these tests are about.
        TlsChain = TlsChainOptions.Default with { Trust = TlsTrust.FromBundle(_pki.RootPemPath, CaBundleMode.Add), MinimumDaysValid = 1 },
        Http = EndpointDiagnoserTests.Options().Http with { CaBundlePath = _pki.RootPemPath },
        CompareDirect = compareDirect,
    };

    private static IReadOnlyList<(string, Outcome)> Shape(DiagnosticReport r) => r.Stages.Select(s => (s.Stage, s.Outcome)).ToList();

    [LinuxFact(Tinyproxy.Binary)]
    public async Task An_https_target_through_tinyproxy_is_checked_through_the_tunnel_and_direct_tcp_is_skipped()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "through"), _pki.Leaf);
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([server.Port]));

        var r = await new EndpointDiagnoser().DiagnoseAsync(server.Url("/"), Through(proxy.Url));

        Assert.Equal(
            [("config", Outcome.Warn), ("dns", Outcome.Skipped), ("tcp", Outcome.Skipped), ("proxy", Outcome.Pass), ("tls", Outcome.Pass), ("http", Outcome.Pass)],
            Shape(r));
        // A loopback target handed to a proxy is worth a warning even when this proxy happens to run here.
        Assert.Equal(FindingCodes.ConfigNoProxyMissingLoopback, Assert.Single(r.Findings).Code);
        Assert.Contains(proxy.Url, r.StageNamed("tcp")!.Summary);
        var tls = Assert.IsType<TlsChainReport>(r.StageNamed("tls")!.Evidence);
        Assert.True(tls.IsTrusted);
        Assert.Equal(_pki.Leaf.Thumbprint, tls.SentChain[0].Thumbprint);
        var via = Assert.Single(tls.Attempts);
        Assert.Equal(proxy.Port, via.Port);
        Assert.Single(server.Received);
        var exchange = Assert.IsType<ConnDiag.Http.HttpProbeResult>(r.StageNamed("http")!.Evidence).Final;
        Assert.Equal(proxy.Port, exchange.RemotePort);
        Assert.NotNull(exchange.Phases.ProxyMs);
        Assert.NotNull(exchange.Tls);
        // proxy stage, tls stage and the HTTP request each asked for their own tunnel.
        Assert.True(await proxy.WaitForLogAsync($"CONNECT 127.0.0.1:{server.Port}"), proxy.Log);
        Assert.Equal(3, CountOccurrences(proxy.Log, $"CONNECT 127.0.0.1:{server.Port}"));
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task A_proxy_that_refuses_the_port_fails_the_run_at_the_proxy_stage()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "never"), _pki.Leaf);
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([443]));

        var r = await new EndpointDiagnoser().DiagnoseAsync(server.Url("/"), Through(proxy.Url));

        Assert.Equal("proxy", r.FailedStage);
        Assert.Contains(r.Findings, f => f.Code == FindingCodes.ProxyForbidden);
        Assert.Equal(Outcome.Skipped, r.StageNamed("tcp")!.Outcome);
        Assert.Equal("skipped: the proxy stage failed", r.StageNamed("tls")!.Summary);
        Assert.Empty(server.Received);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task A_name_the_local_resolver_cannot_answer_only_warns_when_the_proxy_resolves_it()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "resolved by the proxy"));
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([server.Port]));
        // The diagnosis's resolver: an empty hosts file and a server port nobody listens on, so "localhost" fails
        // here, while tinyproxy resolves it with the machine's hosts file.
        using var deadDns = new ClosedPort(IPAddress.Loopback);
        var resolv = Path.Combine(_dir, "resolv.conf");
        var hosts = Path.Combine(_dir, "hosts");
        var nss = Path.Combine(_dir, "nsswitch.conf");
        await File.WriteAllTextAsync(resolv, "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
        await File.WriteAllTextAsync(hosts, "");
        await File.WriteAllTextAsync(nss, "hosts: files dns\n");
        var config = await new ResolverConfigurationReader(ResolverConfigurationSources.ForCurrentSystem().WithFiles(resolv, hosts, nss)).ReadAsync();
        var options = Through(proxy.Url) with
        {
            ResolverConfiguration = config,
            Dns = new DnsStageOptions { SystemServers = [DnsServer.Parse($"127.0.0.1:{deadDns.Port}")], CheckHostsFile = false },
        };

        var r = await new EndpointDiagnoser().DiagnoseAsync(new Uri($"http://localhost:{server.Port}/"), options);

        var dns = r.StageNamed("dns")!;
        Assert.Equal(Outcome.Warn, dns.Outcome);
        Assert.Contains("the proxy resolves the name", dns.Summary);
        Assert.NotEmpty(dns.Findings);
        Assert.All(dns.Findings, f => Assert.NotEqual(Severity.Error, f.Severity));
        Assert.Null(r.FailedStage);
        Assert.Equal(Outcome.Pass, r.StageNamed("http")!.Outcome);
        Assert.Equal(200, Assert.IsType<ConnDiag.Http.HttpProbeResult>(r.StageNamed("http")!.Evidence).StatusCode);
        Assert.Single(server.Received);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task CompareDirect_reports_a_proxy_that_blocks_what_the_direct_path_allows()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "direct is fine"));
        // The filter allows only another host: tinyproxy answers the absolute-form GET itself with 403.
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([server.Port], AllowedHosts: ["^allowed\\.test$"]));

        var r = await new EndpointDiagnoser().DiagnoseAsync(server.Url("/"), Through(proxy.Url, compareDirect: true));

        Assert.Equal(Outcome.Pass, r.StageNamed("tcp")!.Outcome);
        var http = r.StageNamed("http")!;
        Assert.Equal(Outcome.Fail, http.Outcome);
        var comparison = Assert.IsType<DirectComparison>(http.Evidence);
        Assert.Equal(403, comparison.ViaProxy.StatusCode);
        Assert.Equal(200, comparison.Direct.StatusCode);
        var differs = Assert.Single(http.Findings, f => f.Code == FindingCodes.ProxyDirectDiffers);
        Assert.Contains("403", differs.Summary);
        Assert.Contains("direct: 200", differs.Summary);
        Assert.Single(server.Received);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task The_HTTP_probe_through_the_tunnel_connector_fails_in_the_proxy_phase_with_the_proxy_finding()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "never"), _pki.Leaf);
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([443]));
        var settings = ProxySettings.Resolve("https", new ProxyOptions(proxy.Url, NoProxy: "", UseEnvironment: false));
        var probe = new ConnDiag.Http.HttpProbe(connector: new ProxyTunnelConnector(settings));

        var result = await probe.ProbeAsync(new ConnDiag.Http.HttpProbeRequest(server.Url("/")), EndpointDiagnoserTests.Options().Http with { CaBundlePath = _pki.RootPemPath });

        var exchange = result.Final;
        Assert.Equal(ConnDiag.Http.HttpPhase.Proxy, exchange.FailedPhase);
        Assert.Contains(result.Findings, f => f.Code == FindingCodes.ProxyForbidden);
        Assert.NotNull(exchange.Phases.ConnectMs);
        Assert.NotNull(exchange.Phases.ProxyMs);
        Assert.Null(exchange.Phases.TlsMs);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Without_a_proxy_the_proxy_phase_is_zero()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "direct"));

        var r = await new EndpointDiagnoser().DiagnoseAsync(server.Url("/"), EndpointDiagnoserTests.Options());

        var exchange = Assert.IsType<ConnDiag.Http.HttpProbeResult>(r.StageNamed("http")!.Evidence).Final;
        Assert.Equal(0, exchange.Phases.ProxyMs);
        Assert.Equal(server.Port, exchange.RemotePort);
    }

    [Fact]
    public async Task Skipping_certificate_checks_is_a_config_warning()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "any cert"), _pki.Leaf);
        var options = EndpointDiagnoserTests.Options() with
        {
            TlsChain = TlsChainOptions.Default with { SkipCertificateCheck = true, MinimumDaysValid = 1 },
            Http = EndpointDiagnoserTests.Options().Http with { SkipCertificateCheck = true },
        };

        var r = await new EndpointDiagnoser().DiagnoseAsync(server.Url("/"), options);

        var config = r.StageNamed("config")!;
        Assert.Equal(Outcome.Warn, config.Outcome);
        Assert.Equal(FindingCodes.ConfigTlsVerifyDisabled, Assert.Single(config.Findings).Code);
        Assert.True(Assert.IsType<ConfigEvidence>(config.Evidence).CertificateCheckSkipped);
        Assert.Equal(Outcome.Pass, r.StageNamed("http")!.Outcome);
    }

    private static int CountOccurrences(string text, string value)
    {
        var n = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
