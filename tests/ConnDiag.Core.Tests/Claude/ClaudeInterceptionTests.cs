using System.Net;
using ConnDiag.Core.Tests.Claude.Support;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Dns.Configuration;
using ConnDiag.Dns.Stage;
using ConnDiag.Dns.Transport;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;
using ConnDiag.Claude.Profile;

namespace ConnDiag.Core.Tests.Claude;

/// <summary>
/// A TLS-inspecting corporate proxy in front of the API: a CONNECT proxy (which connects every tunnel to the
/// loopback fake) and the fake re-signing api.anthropic.com with its own private root. Claude Code trusts that
/// root only through NODE_EXTRA_CA_CERTS. The name is never resolved publicly: the diagnosis's own resolver is a
/// closed loopback port with an empty hosts file, and through the proxy a local lookup only warns.
/// </summary>
public sealed class ClaudeInterceptionTests : IAsyncLifetime
{
    private const string Key = "sk-ant-api03-intercept0123456789abcdef0123456789Qq42";
    private readonly ClaudeCertificates _certs = new();
    private readonly ClaudeHome _home = new();
    private readonly ClosedPort _deadDns = new(IPAddress.Loopback);
    private FakeAnthropicServer _server = null!;
    private RawTcpServer _proxy = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeAnthropicServer.StartAsync(_certs.Leaf);
        _server.ApiKey = Key;
        _proxy = RawTcpServer.ConnectProxy();
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
        // The public name with the fake's port: the proxy maps every CONNECT to 127.0.0.1 on that port.
        _home.Environment["ANTHROPIC_BASE_URL"] = $"https://api.anthropic.com:{_server.Port}";
        _home.Environment["HTTPS_PROXY"] = $"http://127.0.0.1:{_proxy.Port}";
    }

    public async Task DisposeAsync()
    {
        _proxy.Dispose();
        await _server.DisposeAsync();
        _deadDns.Dispose();
        _certs.Dispose();
        _home.Dispose();
    }

    private async Task<ClaudeConnectionOptions> OptionsAsync()
    {
        var resolv = _home.File("resolv.conf", "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
        var hosts = _home.File("hosts", "");
        var nss = _home.File("nsswitch.conf", "hosts: files dns\n");
        var config = await new ResolverConfigurationReader(ResolverConfigurationSources.ForCurrentSystem().WithFiles(resolv, hosts, nss)).ReadAsync();
        return new ClaudeConnectionOptions
        {
            Sources = _home.Sources,
            IncludeStatusPage = false,
            Diagnosis = EndpointDiagnosisOptions.Default with
            {
                Timeout = TimeSpan.FromSeconds(5),
                ResolverConfiguration = config,
                Dns = new DnsStageOptions { SystemServers = [DnsServer.Parse($"127.0.0.1:{_deadDns.Port}")], CheckHostsFile = false },
                Http = HttpProbeOptions.Default with { WarnMs = 60_000, CriticalMs = 120_000 },
            },
        };
    }

    private static string Describe(DiagnosticReport r) => string.Join("\n", r.Stages.Select(s => $"{s.Stage} {s.Outcome}: {s.Summary}"));

    [Fact]
    public async Task With_the_inspecting_root_in_NODE_EXTRA_CA_CERTS_the_interception_is_named_and_the_run_goes_on()
    {
        _home.Environment["NODE_EXTRA_CA_CERTS"] = _certs.RootPemPath;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(await OptionsAsync());

        Assert.True(r.FailedStage is null, Describe(r));
        Assert.Equal(Outcome.Warn, r.StageNamed("dns")!.Outcome);
        Assert.Equal(Outcome.Skipped, r.StageNamed("tcp")!.Outcome);
        Assert.Equal(Outcome.Pass, r.StageNamed("proxy")!.Outcome);
        var tls = r.StageNamed("tls")!;
        Assert.Equal(Outcome.Warn, tls.Outcome);
        var intercepted = Assert.Single(tls.Findings, f => f.Code == FindingCodes.TlsIntercepted);
        Assert.Equal(Severity.Warning, intercepted.Severity);
        var report = Assert.IsType<ConnDiag.Tls.TlsChainReport>(tls.Evidence);
        Assert.Equal(_certs.Leaf.Thumbprint, report.SentChain[0].Thumbprint);
        Assert.Equal(_proxy.Port, Assert.Single(report.Attempts).Port);
        Assert.Equal(Outcome.Pass, r.StageNamed("auth")!.Outcome);
        Assert.True(_proxy.Connections >= 4, $"{_proxy.Connections} tunnels");
    }

    [Fact]
    public async Task Without_the_root_the_tls_stage_fails_pointing_at_the_inspecting_proxy_and_no_key_is_sent()
    {
        var r = await new ClaudeDiagnoser().DiagnoseAsync(await OptionsAsync());

        // Without the root nothing proves the issuer private (the proxy sent only its leaf): the chain is reported
        // as incomplete, and the remedy points at an inspecting proxy first, because the chain came through one.
        Assert.Equal("tls", r.FailedStage);
        var f = Assert.Single(r.StageNamed("tls")!.Findings, f => f.Code == FindingCodes.TlsChainIncomplete);
        Assert.Contains($"through the proxy at 127.0.0.1:{_proxy.Port}", f.Remedy);
        Assert.Contains("NODE_EXTRA_CA_CERTS", f.Remedy);
        Assert.Contains("ConnDiag Claude Test Root", f.Summary);
        Assert.DoesNotContain(_server.Received, q => q.Path.StartsWith("/v1/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("der")]
    [InlineData("missing")]
    public async Task A_NODE_EXTRA_CA_CERTS_Node_cannot_use_is_a_config_finding_and_the_interception_fails_tls(string form)
    {
        _home.Environment["NODE_EXTRA_CA_CERTS"] = form == "der"
            ? _home.File("root.der", _certs.Root.RawData)
            : Path.Combine(_home.Root, "no-such-root.pem");

        var r = await new ClaudeDiagnoser().DiagnoseAsync(await OptionsAsync());

        Assert.Contains(r.StageNamed("claude-config")!.Findings, f => f.Code == FindingCodes.ConfigExtraCaInvalid);
        Assert.Equal("tls", r.FailedStage);
        Assert.Contains(r.StageNamed("tls")!.Findings, f => f.Code == FindingCodes.TlsChainIncomplete && f.Remedy.Contains("TLS-inspecting proxy", StringComparison.Ordinal));
    }
}
