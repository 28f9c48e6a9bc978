using System.Net;
using System.Security.Cryptography;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Tcp;
using ConnDiag.Tls;

namespace ConnDiag.Core.Tests.Tls;

/// <summary>
/// Real handshakes against `openssl s_server` child processes on loopback, serving chains generated per run
/// and trusted only through a CA bundle. Each test names the server it starts.
/// </summary>
public sealed class TlsProbeTests : IDisposable
{
    private readonly TestChain _pki = new();

    public void Dispose() => _pki.Dispose();

    private TlsProbeOptions Options(string? serverName = null, TlsChainOptions? chain = null) =>
        new(TimeSpan.FromSeconds(10), chain ?? _pki.Trusting, serverName);

    private static Task<TlsChainReport> Probe(int port, TlsProbeOptions options, string host = "127.0.0.1") =>
        new TlsProbe().ProbeAsync(new Target(host, port), options);

    private static IReadOnlyList<string> Codes(TlsChainReport r) => r.Findings.Select(f => f.Code).ToList();

    [LinuxFact("openssl")]
    public async Task Full_chain_passes_with_the_handshake_facts()
    {
        using var leaf = _pki.Leaf();
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate]);

        var r = await Probe(server.Port, Options("localhost"));

        Assert.True(r.Findings.Count == 0, string.Join("\n", r.Findings));
        Assert.True(r.IsTrusted);
        Assert.True(r.HostnameMatches);
        Assert.True(r.Succeeded);
        Assert.Equal(Outcome.Pass, r.Outcome);
        Assert.Equal(IPAddress.Loopback, r.Address);
        Assert.Equal("localhost", r.ServerName);
        Assert.Equal(TlsVersion.Tls13, r.Protocol);
        Assert.StartsWith("TLS_", r.CipherSuite);
        Assert.Null(r.Alpn); // s_server without -alpn chooses none
        Assert.NotNull(r.HandshakeMs);
        Assert.Equal(2, r.SentChain.Count);
        Assert.Equal(3, r.BuiltChain.Count);
        Assert.Equal(3, r.Certificates.Count);
        Assert.Equal(leaf.Certificate.Thumbprint, r.SentChain[0].Thumbprint);
        Assert.Equal([TlsVersion.Tls12, TlsVersion.Tls13], r.SupportedProtocols);
        Assert.Contains("main handshake", r.ProtocolChecks.Single(c => c.Version == TlsVersion.Tls13).Detail);
        var attempt = Assert.Single(r.Attempts);
        Assert.Equal(TcpPortState.Open, attempt.TcpState);
        Assert.True(attempt.HandshakeCompleted);
        Assert.Equal(leaf.Certificate.Thumbprint, attempt.LeafThumbprint);
        // The platform validated in the handshake with the same trust (the bundle) and agreed.
        Assert.Equal(System.Net.Security.SslPolicyErrors.None, attempt.PolicyErrors);
        Assert.Null(r.Error);
        Assert.InRange(r.DaysUntilExpiry!.Value, 88, 90);
    }

    [LinuxFact("openssl")]
    public async Task The_negotiated_ALPN_protocol_is_reported()
    {
        using var leaf = _pki.Leaf();
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate], "-alpn", "h2,http/1.1");

        var r = await Probe(server.Port, Options("localhost"));

        Assert.Equal("h2", r.Alpn);
    }

    [LinuxFact("openssl")]
    public async Task Leaf_only_server_is_CHAIN_INCOMPLETE_with_the_chain_captured()
    {
        using var leaf = _pki.Leaf();
        using var server = OpenSslServer.Start(leaf);

        var r = await Probe(server.Port, Options("localhost"));

        Assert.Equal([FindingCodes.TlsChainIncomplete], Codes(r));
        Assert.Contains("the server sent only the leaf certificate", r.Findings[0].Summary);
        Assert.Contains($"127.0.0.1:{server.Port} (SNI localhost)", r.Findings[0].Summary);
        Assert.Single(r.SentChain);
        Assert.False(r.IsTrusted);
        Assert.NotNull(r.Protocol); // the handshake completed: validation failing does not hide the facts
        // The platform's verdict in the handshake was the same; the chain was captured all the same.
        Assert.Equal(System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors, r.Attempts[0].PolicyErrors);
        Assert.Contains("PartialChain", r.Attempts[0].Detail);
    }

    [LinuxFact("openssl")]
    public async Task Expired_leaf_is_CERT_EXPIRED()
    {
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], NotBefore = DateTimeOffset.UtcNow.AddDays(-400), NotAfter = DateTimeOffset.UtcNow.AddDays(-370) });
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate]);

        var r = await Probe(server.Port, Options("localhost"));

        Assert.Equal([FindingCodes.TlsCertExpired], Codes(r));
        Assert.Contains("expired 370 days ago", r.Findings[0].Summary);
        Assert.Contains("NotTimeValid", r.ChainStatus);
    }

    [LinuxFact("openssl")]
    public async Task Not_yet_valid_leaf_is_CERT_NOT_YET_VALID_and_a_clock_offset_turns_it_into_a_clock_problem()
    {
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], NotBefore = DateTimeOffset.UtcNow.AddMinutes(30), NotAfter = DateTimeOffset.UtcNow.AddDays(30) });
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate]);

        var plain = await Probe(server.Port, Options("localhost"));
        Assert.Equal([FindingCodes.TlsCertNotYetValid], Codes(plain));
        Assert.False(plain.ClockIsCause);
        Assert.Null(plain.ClockOffsetMs);

        // The clock helper measured this machine one hour behind: the certificate is fine.
        var withClock = await Probe(server.Port, Options("localhost", _pki.Trusting with { ClockOffset = TimeSpan.FromHours(1) }));
        Assert.True(withClock.ClockIsCause);
        Assert.Equal(3_600_000, withClock.ClockOffsetMs);
        Assert.Contains("The clock is the cause", Assert.Single(withClock.Findings).Summary);
    }

    [LinuxFact("openssl")]
    public async Task Wrong_name_is_NAME_MISMATCH()
    {
        using var leaf = _pki.Leaf("wrong.example.test", new CertSpec { Dns = ["wrong.example.test"] });
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate]);

        var r = await Probe(server.Port, Options("api.example.test"));

        Assert.Equal([FindingCodes.TlsNameMismatch], Codes(r));
        Assert.False(r.HostnameMatches);
        Assert.True(r.IsTrusted);
    }

    [LinuxFact("openssl")]
    public async Task Wildcard_covers_one_label_and_no_more()
    {
        using var leaf = _pki.Leaf("*.example.test", new CertSpec { Dns = ["*.example.test"] });
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate]);

        var match = await Probe(server.Port, Options("api.example.test"));
        var deeper = await Probe(server.Port, Options("v1.api.example.test"));
        var apex = await Probe(server.Port, Options("example.test"));

        Assert.Empty(match.Findings);
        Assert.True(match.HostnameMatches);
        Assert.Equal([FindingCodes.TlsNameMismatch], Codes(deeper));
        Assert.Equal([FindingCodes.TlsNameMismatch], Codes(apex));
    }

    [LinuxFact("openssl")]
    public async Task An_IP_target_needs_an_IP_subjectAltName()
    {
        using var withIp = _pki.Leaf("ip", new CertSpec { Ips = [IPAddress.Loopback] });
        using var dnsOnly = _pki.Leaf("localhost", new CertSpec { Dns = ["localhost"] });
        using var good = OpenSslServer.Start(withIp, [_pki.Intermediate]);
        using var bad = OpenSslServer.Start(dnsOnly, [_pki.Intermediate]);

        var ok = await Probe(good.Port, Options());
        var mismatch = await Probe(bad.Port, Options());

        Assert.Equal("127.0.0.1", ok.ServerName);
        Assert.Empty(ok.Findings);
        Assert.Equal([FindingCodes.TlsNameMismatch], Codes(mismatch));
        Assert.Contains("'127.0.0.1'", mismatch.Findings[0].Summary);
    }

    [LinuxFact("openssl")]
    public async Task Self_signed_server_is_SELF_SIGNED()
    {
        using var self = TestCertificate.Root("localhost", new CertSpec { Dns = ["localhost"], IsCa = false });
        using var server = OpenSslServer.Start(self);

        var r = await Probe(server.Port, Options("localhost"));

        Assert.Equal([FindingCodes.TlsSelfSigned], Codes(r));
        Assert.True(r.SentChain[0].IsSelfSigned);
    }

    [LinuxFact("openssl")]
    public async Task A_server_sending_a_chain_to_a_root_we_do_not_trust_is_UNTRUSTED_ROOT()
    {
        using var other = new TestChain("Unknown Root", "Unknown Intermediate");
        using var leaf = other.Leaf();
        using var server = OpenSslServer.Start(leaf, [other.Intermediate, other.Root]);

        var r = await Probe(server.Port, Options("localhost"));

        Assert.Equal([FindingCodes.TlsUntrustedRoot], Codes(r));
        Assert.Equal(3, r.SentChain.Count);
        Assert.Contains("'Unknown Root'", r.Findings[0].Summary);
    }

    [LinuxFact("openssl")]
    public async Task An_interception_style_CA_re_signing_a_public_name_is_INTERCEPTED()
    {
        using var zscaler = new TestChain("Zscaler Root CA", "Zscaler Intermediate Root CA", "Zscaler Inc.");
        using var leaf = zscaler.Leaf("api.anthropic.com", new CertSpec { Dns = ["api.anthropic.com"] });
        using var server = OpenSslServer.Start(leaf, [zscaler.Intermediate]);

        // Nothing resolves api.anthropic.com: the target is loopback and the name goes only into SNI.
        var notTrusted = await Probe(server.Port, Options("api.anthropic.com"));
        var trusted = await Probe(server.Port, Options("api.anthropic.com", zscaler.Trusting));

        Assert.Equal(FindingCodes.TlsIntercepted, notTrusted.Findings[0].Code);
        Assert.Equal(Severity.Error, notTrusted.Findings[0].Severity);
        Assert.Contains("Zscaler", notTrusted.Findings[0].Evidence);
        var f = Assert.Single(trusted.Findings);
        Assert.Equal(FindingCodes.TlsIntercepted, f.Code);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.True(trusted.Succeeded);
    }

    [LinuxFact("openssl")]
    public async Task A_SHA1_signed_leaf_is_WEAK_SIGNATURE()
    {
        using var rsaInter = _pki.Root.Issue("RSA Intermediate", new CertSpec { IsCa = true, Key = TestKeyKind.Rsa2048 });
        using var leaf = rsaInter.IssueLeaf(spec: new CertSpec { Dns = ["localhost"], Hash = HashAlgorithmName.SHA1 });
        // The server's own OpenSSL refuses to load a SHA-1 certificate at the default security level.
        using var server = OpenSslServer.Start(leaf, [rsaInter], "-cipher", "DEFAULT@SECLEVEL=0");

        var r = await Probe(server.Port, Options("localhost"));

        Assert.Equal([FindingCodes.TlsWeakSignature], Codes(r));
        Assert.Equal("sha1RSA", r.SentChain[0].SignatureAlgorithm);
    }

    [LinuxFact("openssl")]
    public async Task A_1024_bit_RSA_leaf_is_WEAK_KEY()
    {
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], Key = TestKeyKind.Rsa1024 });
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate], "-cipher", "DEFAULT@SECLEVEL=0");

        var r = await Probe(server.Port, Options("localhost"));

        Assert.Equal([FindingCodes.TlsWeakKey], Codes(r));
        Assert.Equal(("RSA", 1024), (r.SentChain[0].KeyAlgorithm, r.SentChain[0].KeySize));
    }

    [LinuxFact("openssl")]
    public async Task A_TLS_1_2_only_server_and_a_TLS_1_3_only_client_are_PROTOCOL_MISMATCH()
    {
        using var leaf = _pki.Leaf();
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate], "-tls1_2");

        var r = await Probe(server.Port, Options("localhost") with { ClientVersions = [TlsVersion.Tls13] });

        var f = r.Findings[0];
        Assert.Equal(FindingCodes.TlsProtocolMismatch, f.Code);
        Assert.Equal("protocol_version (70)", r.Alert);
        Assert.Contains("protocol_version (70)", f.Summary);
        Assert.Contains("The server accepts TLS 1.2", f.Evidence);
        Assert.Contains("This client allowed only TLS 1.3", f.Evidence);
        Assert.Equal("Allow TLS 1.2 in the client, or enable TLS 1.3 on the server.", f.Remedy);
        Assert.Equal([TlsVersion.Tls12], r.SupportedProtocols);
        Assert.False(r.ProtocolChecks.Single(c => c.Version == TlsVersion.Tls13).Accepted);
        // The TLS 1.2 check fetched the certificate, so the chain is still analysed.
        Assert.Equal(2, r.SentChain.Count);
        Assert.True(r.IsTrusted);
        Assert.Null(r.Protocol);
    }

    [LinuxFact("openssl")]
    public async Task A_TLS_1_2_only_server_is_reported_as_such_to_a_default_client()
    {
        using var leaf = _pki.Leaf();
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate], "-tls1_2");

        var r = await Probe(server.Port, Options("localhost"));

        Assert.Empty(r.Findings);
        Assert.Equal(TlsVersion.Tls12, r.Protocol);
        Assert.Equal([TlsVersion.Tls12], r.SupportedProtocols);
        Assert.Contains("protocol_version (70)", r.ProtocolChecks.Single(c => c.Version == TlsVersion.Tls13).Detail);
    }

    [LinuxFact("openssl")]
    public async Task A_TLS_1_3_only_server_refuses_the_TLS_1_2_check()
    {
        using var leaf = _pki.Leaf();
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate], "-tls1_3");

        var r = await Probe(server.Port, Options("localhost"));

        Assert.Empty(r.Findings);
        Assert.Equal(TlsVersion.Tls13, r.Protocol);
        Assert.Equal([TlsVersion.Tls13], r.SupportedProtocols);
        var tls12 = r.ProtocolChecks.Single(c => c.Version == TlsVersion.Tls12);
        Assert.False(tls12.Accepted);
        Assert.Contains("protocol_version (70)", tls12.Detail);
    }

    [LinuxFact("openssl")]
    public async Task A_server_demanding_a_client_certificate_is_HANDSHAKE_FAILED_with_the_alert()
    {
        using var leaf = _pki.Leaf();
        var ca = _pki.Dir.WritePem("client-ca.pem", _pki.Root);
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate], "-Verify", "1", "-CAfile", ca);

        var r = await Probe(server.Port, Options("localhost"));

        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.TlsHandshakeFailed, f.Code);
        Assert.Equal("certificate_required (116)", r.Alert);
        Assert.Contains("certificate_required", f.Summary);
        Assert.NotNull(r.Error);
        // The certificate came before the failure and is analysed as usual.
        Assert.True(r.IsTrusted);
    }

    [LinuxFact("python3")]
    public async Task A_plain_HTTP_server_on_the_port_is_NOT_TLS()
    {
        using var dir = new TempDir();
        using var http = await StaticHttpServer.StartAsync(dir.Path);

        var r = await Probe(http.Port, Options("localhost"));

        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.TlsNotTls, f.Code);
        // Python answers a request line without a version HTTP/0.9-style: an error page without a status line.
        Assert.Matches("answered the ClientHello with \"(HTTP/1\\.[01] 400|<!DOCTYPE HTML>)", f.Summary);
        Assert.Matches("plain HTTP|HTTP server", f.Evidence);
        Assert.Empty(r.ProtocolChecks);
        Assert.Empty(r.SentChain);
        Assert.False(r.IsTrusted);
    }

    [Fact]
    public async Task A_server_that_accepts_and_never_answers_times_out_without_hanging()
    {
        using var silent = new SilentListener();
        var options = Options("localhost") with { Timeout = TimeSpan.FromSeconds(1) };

        var probe = new TlsProbe().ProbeAsync(new Target("127.0.0.1", silent.Port), options);
        var finished = await Task.WhenAny(probe, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(probe, finished);
        var r = await probe;
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.TlsHandshakeTimeout, f.Code);
        Assert.Contains("within 1 s", f.Summary);
        Assert.Contains("sent nothing", r.Error);
        Assert.Empty(r.ProtocolChecks);
        Assert.True(silent.Accepted >= 1);
    }

    [Fact]
    public async Task A_closed_port_is_the_TCP_finding_with_no_handshake()
    {
        using var closed = new ClosedPort(IPAddress.Loopback);

        var r = await new TlsProbe().ProbeAsync(new Target("127.0.0.1", closed.Port), Options());

        Assert.Equal(FindingCodes.TcpRefused, r.Findings[0].Code);
        Assert.Equal(TcpPortState.Closed, Assert.Single(r.Attempts).TcpState);
        Assert.Null(r.Protocol);
        Assert.Empty(r.SentChain);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_the_DNS_finding()
    {
        var resolver = new FixedResolver("known.test", IPAddress.Loopback);

        var r = await new TlsProbe(resolver).ProbeAsync(new Target("unknown.test", 443), Options());

        Assert.Equal(FindingCodes.DnsLookupFailed, Assert.Single(r.Findings).Code);
        Assert.Null(r.Address);
        Assert.Empty(r.Attempts);
    }

    [LinuxFact("openssl")]
    public async Task Every_address_of_a_name_is_tried_and_a_failing_one_is_a_warning()
    {
        using var leaf = _pki.Leaf("multi.test", new CertSpec { Dns = ["multi.test"] });
        using var server = OpenSslServer.Start(leaf, [_pki.Intermediate]);
        // ::1 has nothing on the port, 127.0.0.1 serves TLS.
        var resolver = new FixedResolver("multi.test", IPAddress.IPv6Loopback, IPAddress.Loopback);

        var r = await new TlsProbe(resolver).ProbeAsync(new Target("multi.test", server.Port), Options());

        Assert.Equal(IPAddress.Loopback, r.Address);
        Assert.Equal(2, r.Attempts.Count);
        Assert.True(r.Succeeded);
        Assert.Contains(r.Findings, f => f.Code is FindingCodes.TcpIpv6Broken && f.Severity == Severity.Warning);
        Assert.DoesNotContain(r.Findings, f => f.Layer == Layer.Tls);
    }
}
