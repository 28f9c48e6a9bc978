using System.Globalization;
using System.Text.Json;
using ConnDiag.Claude.Router;
using ConnDiag.Core.Tests.Claude.Support;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Proxy.Support;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Serialization;
using ConnDiag.Tls;
using Microsoft.AspNetCore.Builder;

namespace ConnDiag.Core.Tests.Claude.Router;

/// <summary>
/// The provider step of -Probe against real loopback servers: a TLS provider reached direct and through
/// tinyproxy as PROXY_URL, trust taken from the router's NODE_EXTRA_CA_CERTS, a dead provider port and a dead
/// proxy. The router itself is not running in these tests (its probe says so); the providers are checked anyway.
/// </summary>
public sealed class RouterProviderCheckTests : IDisposable
{
    private const string ProxyPassword = "proxy-pass-CANARY-77d1";
    private readonly ClaudeCertificates _pki = new();
    private readonly RouterConfigFiles _files = new();

    public void Dispose()
    {
        _files.Dispose();
        _pki.Dispose();
    }

    private static string Provider(string name, int port) => string.Create(CultureInfo.InvariantCulture,
        $$"""{ "name": "{{name}}", "api_base_url": "https://127.0.0.1:{{port}}/v1/chat/completions", "api_key": "", "models": ["m1"] }""");

    private async Task<RouterConfigReport> RunAsync(string providers, string? proxyUrl = null, bool extraCa = true, Dictionary<string, string>? env = null)
    {
        var routerPort = TestSockets.FreePort();
        var extra = string.Create(CultureInfo.InvariantCulture, $"\"PORT\": {routerPort}, \"HOST\": \"127.0.0.1\"")
            + (proxyUrl is null ? "" : $", \"PROXY_URL\": \"{proxyUrl}\"");
        var environment = new Dictionary<string, string>(env ?? []);
        if (extraCa) environment["NODE_EXTRA_CA_CERTS"] = _pki.RootPemPath;
        var options = RouterValidation.Options(environment) with { Probe = true, ProbeTimeout = TimeSpan.FromSeconds(3) };
        var text = RouterValidation.Config(extra: extra, router: "\"default\": \"good,m1\"", providers: providers);
        return await new RouterConfigValidator(options).ValidateAsync(_files.Write(text));
    }

    private static IReadOnlyList<(string, Outcome)> Shape(DiagnosticReport r) => r.Stages.Select(s => (s.Stage, s.Outcome)).ToList();

    [Fact]
    public async Task A_provider_whose_chain_the_routers_NODE_EXTRA_CA_CERTS_trusts_is_reachable_and_gets_no_request()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "provider"), _pki.Leaf);

        var report = await RunAsync(Provider("good", server.Port));

        var check = Assert.Single(report.ProviderChecks!);
        Assert.Equal("good", check.Provider);
        Assert.Equal($"https://127.0.0.1:{server.Port}", check.Origin);
        Assert.Null(check.Proxy);
        Assert.True(check.Reachable, string.Join(" | ", check.Report.Findings));
        Assert.Null(check.FailedStage);
        Assert.Empty(check.Findings);
        // An address literal needs no DNS; no PROXY_URL, so no proxy stage.
        Assert.Equal([("dns", Outcome.Skipped), ("tcp", Outcome.Pass), ("proxy", Outcome.Skipped), ("tls", Outcome.Pass)], Shape(check.Report));
        Assert.True(Assert.IsType<TlsChainReport>(check.Report.StageNamed("tls")!.Evidence).IsTrusted);
        // Reachability only: a handshake, never a request (it would need the provider's key).
        Assert.Empty(server.Received);
        // The router is not running here: that is the router probe's finding, not the provider's.
        Assert.Contains(report.Probe!.Findings, f => f.Code == FindingCodes.RouterNotRunning);
    }

    [Fact]
    public async Task Without_NODE_EXTRA_CA_CERTS_in_the_routers_environment_the_same_provider_fails_at_tls()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "provider"), _pki.Leaf);

        var report = await RunAsync(Provider("good", server.Port), extraCa: false);

        var check = Assert.Single(report.ProviderChecks!);
        Assert.False(check.Reachable);
        Assert.Equal("tls", check.FailedStage);
        var finding = Assert.Single(check.Findings);
        Assert.Equal(FindingCodes.RouterProviderUnreachable, finding.Code);
        Assert.Contains("Provider 'good'", finding.Summary, StringComparison.Ordinal);
        Assert.Contains("direct (no PROXY_URL)", finding.Summary, StringComparison.Ordinal);
        Assert.StartsWith("TLS.", finding.Evidence, StringComparison.Ordinal);
        Assert.False(report.IsValid);
    }

    [Fact]
    public async Task A_provider_port_that_refuses_is_unreachable_at_tcp_and_the_working_one_still_passes()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "provider"), _pki.Leaf);
        var closed = TestSockets.FreePort();

        var report = await RunAsync(Provider("good", server.Port) + "," + Provider("dead", closed));

        Assert.Equal(["good", "dead"], report.ProviderChecks!.Select(c => c.Provider));
        Assert.True(report.ProviderChecks![0].Reachable);
        var dead = report.ProviderChecks[1];
        Assert.False(dead.Reachable);
        Assert.Equal("tcp", dead.FailedStage);
        var finding = Assert.Single(dead.Findings);
        Assert.Contains("TCP.REFUSED", finding.Summary, StringComparison.Ordinal);
        Assert.Equal(Outcome.Skipped, dead.Report.StageNamed("tls")!.Outcome);
        Assert.False(report.IsValid);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task With_PROXY_URL_the_provider_is_reached_through_that_proxy_not_through_the_shells_HTTPS_PROXY()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "provider"), _pki.Leaf);
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([server.Port]));
        // The shell's proxy variables point at a dead port: the router does not use them, so neither does the check.
        var shell = new Dictionary<string, string> { ["HTTPS_PROXY"] = $"http://127.0.0.1:{TestSockets.FreePort()}", ["NO_PROXY"] = "" };

        var report = await RunAsync(Provider("good", server.Port), proxyUrl: proxy.Url, env: shell);

        var check = Assert.Single(report.ProviderChecks!);
        Assert.True(check.Reachable, string.Join(" | ", check.Report.Findings));
        Assert.Equal(proxy.Url, check.Proxy);
        Assert.Equal(Outcome.Pass, check.Report.StageNamed("proxy")!.Outcome);
        Assert.Equal(Outcome.Pass, check.Report.StageNamed("tls")!.Outcome);
        Assert.True(await proxy.WaitForLogAsync($"CONNECT 127.0.0.1:{server.Port}"), proxy.Log);
        Assert.Empty(server.Received);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task A_PROXY_URL_with_credentials_that_is_down_fails_at_the_proxy_stage_and_never_shows_the_password()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "provider"), _pki.Leaf);
        var deadProxy = $"http://ccr:{ProxyPassword}@127.0.0.1:{TestSockets.FreePort()}";

        var report = await RunAsync(Provider("good", server.Port), proxyUrl: deadProxy);

        var check = Assert.Single(report.ProviderChecks!);
        Assert.False(check.Reachable);
        Assert.Equal("proxy", check.FailedStage);
        var finding = Assert.Single(check.Findings);
        Assert.Contains("through PROXY_URL", finding.Summary, StringComparison.Ordinal);
        Assert.Contains("PROXY.CONNECT_FAILED", finding.Summary, StringComparison.Ordinal);
        var json = JsonSerializer.Serialize(report, ConnDiagJson.Options);
        Assert.DoesNotContain("CANARY", json, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", report.ToString() + check, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Providers_are_not_checked_without_the_probe_or_when_the_provider_step_is_turned_off()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "provider"), _pki.Leaf);
        var text = RouterValidation.Config(extra: $"\"PORT\": {TestSockets.FreePort()}", router: "\"default\": \"good,m1\"", providers: Provider("good", server.Port));
        var path = _files.Write(text);

        var noProbe = await new RouterConfigValidator(RouterValidation.Options()).ValidateAsync(path);
        var off = await new RouterConfigValidator(RouterValidation.Options() with { Probe = true, ProbeProviders = false }).ValidateAsync(path);

        Assert.Null(noProbe.ProviderChecks);
        Assert.Null(off.ProviderChecks);
        Assert.NotNull(off.Probe);
        Assert.Empty(server.Received);
    }
}
