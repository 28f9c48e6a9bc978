using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Diagnosis;

/// <summary>
/// A namespace whose firewall drops SYNs to one port. Its host-side veth address is also an address of this
/// machine that is not loopback: what the LOOPBACK_ONLY case connects to.
/// </summary>
public sealed class PipelineNamespace : NamespaceFixture
{
    public const int DropPort = 7102;

    protected override void Configure(NetNamespace ns) => ns.ApplyRules($$"""
        table inet conndiag {
          chain input {
            type filter hook input priority 0; policy accept;
            tcp dport {{DropPort}} drop
          }
        }
        """);
}

/// <summary>
/// The whole pipeline stopping at the layer a real fault is in: a firewall drop (tcp), a plain server behind an
/// https URL (tls), a TLS server behind an http URL (http), and a loopback-only service asked on another address of
/// this machine (tcp, with the LOCAL explanation). Each later stage is Skipped naming the failed one.
/// </summary>
public sealed class PipelineFailureTests(PipelineNamespace fixture) : IClassFixture<PipelineNamespace>
{
    private static IReadOnlyList<(string, Outcome)> Shape(DiagnosticReport r) => r.Stages.Select(s => (s.Stage, s.Outcome)).ToList();

    private static string Describe(DiagnosticReport r) =>
        string.Join(" | ", r.Stages.Select(s => $"{s.Stage}={s.Outcome}: {s.Summary}"));

    [LinuxRootFact("ip", "nft")]
    public async Task A_dropped_SYN_fails_at_tcp_as_filtered_and_skips_the_rest()
    {
        var address = fixture.Ns.InnerV4;
        // One second per step keeps the test short; a drop never answers, so the verdict cannot depend on it.
        var options = EndpointDiagnoserTests.Options() with { Timeout = TimeSpan.FromSeconds(1) };

        var r = await new EndpointDiagnoser().DiagnoseAsync($"http://{address}:{PipelineNamespace.DropPort}/", options);

        Assert.True(r.FailedStage == "tcp", Describe(r));
        Assert.Equal(
            [("config", Outcome.Pass), ("dns", Outcome.Skipped), ("tcp", Outcome.Fail), ("proxy", Outcome.Skipped), ("tls", Outcome.Skipped), ("http", Outcome.Skipped)],
            Shape(r));
        var filtered = Assert.Single(r.StageNamed("tcp")!.Findings, f => f.Code == FindingCodes.TcpFiltered);
        Assert.Contains(address.ToString(), filtered.Summary + filtered.Evidence);
        // Nobody here owns the namespace's address: no LOCAL explanation is invented for it.
        Assert.DoesNotContain(r.Findings, f => f.Layer == Layer.Local);
        Assert.All(r.Stages.Skip(3), s => Assert.Equal("skipped: the tcp stage failed", s.Summary));
        var tcp = Assert.IsType<ConnDiag.Tcp.TcpPortResult>(r.StageNamed("tcp")!.Evidence);
        Assert.Equal(ConnDiag.Tcp.TcpPortState.Filtered, Assert.Single(tcp.Attempts).State);
    }

    [LinuxFact("python3")]
    public async Task An_https_URL_to_a_plain_HTTP_server_fails_at_tls_as_NOT_TLS_quoting_the_reply()
    {
        using var dir = new TempDir();
        using var plain = await StaticHttpServer.StartAsync(dir.Path);

        var r = await new EndpointDiagnoser().DiagnoseAsync($"https://127.0.0.1:{plain.Port}/", EndpointDiagnoserTests.Options());

        Assert.True(r.FailedStage == "tls", Describe(r));
        Assert.Equal(
            [("config", Outcome.Pass), ("dns", Outcome.Skipped), ("tcp", Outcome.Pass), ("proxy", Outcome.Skipped), ("tls", Outcome.Fail), ("http", Outcome.Skipped)],
            Shape(r));
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.TlsNotTls, f.Code);
        // Python answers the binary ClientHello with an error page (HTTP/0.9-style when it finds no version).
        Assert.Matches("answered the ClientHello with \"(HTTP/1\\.[01] 400|<!DOCTYPE HTML>)", f.Summary);
        Assert.Equal(f.Summary, r.StageNamed("tls")!.Summary);
        Assert.Equal("skipped: the tls stage failed", r.StageNamed("http")!.Summary);
    }

    [LinuxFact("openssl")]
    public async Task An_http_URL_to_a_TLS_server_fails_at_http_as_TLS_ON_PLAIN_PORT()
    {
        using var pki = new TestChain();
        using var leaf = pki.Leaf();
        using var server = OpenSslServer.Start(leaf, [pki.Intermediate]);

        var r = await new EndpointDiagnoser().DiagnoseAsync($"http://127.0.0.1:{server.Port}/", EndpointDiagnoserTests.Options());

        Assert.True(r.FailedStage == "http", Describe(r));
        Assert.Equal(
            [("config", Outcome.Pass), ("dns", Outcome.Skipped), ("tcp", Outcome.Pass), ("proxy", Outcome.Skipped), ("tls", Outcome.Skipped), ("http", Outcome.Fail)],
            Shape(r));
        Assert.Equal("http URL: no TLS", r.StageNamed("tls")!.Summary);
        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.HttpTlsOnPlainPort);
        Assert.Contains("TLS handshake record", f.Evidence);
    }

    [LinuxRootFact("ip", "nft")]
    public async Task A_loopback_only_service_asked_on_another_local_address_is_LOOPBACK_ONLY()
    {
        // The host end of the veth is this machine's own address, not loopback: the kernel answers it locally.
        var address = fixture.Ns.HostV4;
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        var port = TestSockets.PortOf(listener);

        var r = await new EndpointDiagnoser().DiagnoseAsync($"http://{address}:{port}/", EndpointDiagnoserTests.Options());

        Assert.True(r.FailedStage == "tcp", Describe(r));
        Assert.Equal(
            [("config", Outcome.Pass), ("dns", Outcome.Skipped), ("tcp", Outcome.Fail), ("proxy", Outcome.Skipped), ("tls", Outcome.Skipped), ("http", Outcome.Skipped)],
            Shape(r));
        var codes = r.StageNamed("tcp")!.Findings.Select(f => f.Code).ToList();
        Assert.Contains(FindingCodes.TcpRefused, codes);
        var local = Assert.Single(r.StageNamed("tcp")!.Findings, f => f.Code == FindingCodes.LocalLoopbackOnly);
        Assert.Contains($"{address}:{port} was refused", local.Summary);
        Assert.Contains($"listens on 127.0.0.1:{port}", local.Summary);
    }
}
