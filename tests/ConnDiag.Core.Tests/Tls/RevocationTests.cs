using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Tls;

namespace ConnDiag.Core.Tests.Tls;

/// <summary>
/// -CheckRevocation against CRLs served over HTTP on loopback (python3 http.server): the generated leaf and
/// intermediate carry CRL distribution points on 127.0.0.1, and the handshake is with `openssl s_server`.
/// </summary>
public sealed class RevocationTests : IDisposable
{
    private readonly TestChain _pki = new();
    private readonly TempDir _crls = new();

    public void Dispose()
    {
        _crls.Dispose();
        _pki.Dispose();
    }

    /// <summary>An intermediate and leaf with CRL URLs on <paramref name="http"/>; the intermediate's CRL lists <paramref name="revokeLeaf"/>.</summary>
    private (TestCertificate Inter, TestCertificate Leaf) Issue(StaticHttpServer http, bool revokeLeaf)
    {
        // Unique file names per test: the platform caches CRLs by URL.
        var id = Guid.NewGuid().ToString("N");
        var inter = _pki.Root.Issue("CRL Intermediate", new CertSpec { IsCa = true, CrlUrl = http.Url($"root-{id}.crl") });
        var leaf = inter.IssueLeaf(spec: new CertSpec { Dns = ["localhost"], CrlUrl = http.Url($"inter-{id}.crl") });
        _crls.Write($"root-{id}.crl", _pki.Root.Crl());
        _crls.Write($"inter-{id}.crl", revokeLeaf ? inter.Crl(leaf) : inter.Crl());
        return (inter, leaf);
    }

    private TlsProbeOptions Options(bool checkRevocation = true) =>
        new(TimeSpan.FromSeconds(10), _pki.Trusting with { CheckRevocation = checkRevocation }, "localhost");

    [LinuxFact("openssl", "python3")]
    public async Task A_revoked_leaf_is_REVOKED_with_CheckRevocation()
    {
        using var http = await StaticHttpServer.StartAsync(_crls.Path);
        var (inter, leaf) = Issue(http, revokeLeaf: true);
        using (inter)
        using (leaf)
        using (var server = OpenSslServer.Start(leaf, [inter]))
        {
            var r = await new TlsProbe().ProbeAsync(new Target("127.0.0.1", server.Port), Options());

            var f = Assert.Single(r.Findings);
            Assert.Equal(FindingCodes.TlsRevoked, f.Code);
            Assert.Contains("the leaf certificate 'localhost' has been revoked", f.Summary);
            Assert.Contains(leaf.SerialNumber, f.Evidence);
            Assert.Contains("Revoked", r.ChainStatus);
            Assert.False(r.IsTrusted);

            // Without -CheckRevocation nothing is fetched and the chain passes.
            var plain = await new TlsProbe().ProbeAsync(new Target("127.0.0.1", server.Port), Options(checkRevocation: false));
            Assert.Empty(plain.Findings);
        }
    }

    [LinuxFact("openssl", "python3")]
    public async Task A_leaf_that_is_not_on_the_CRL_passes()
    {
        using var http = await StaticHttpServer.StartAsync(_crls.Path);
        var (inter, leaf) = Issue(http, revokeLeaf: false);
        using (inter)
        using (leaf)
        using (var server = OpenSslServer.Start(leaf, [inter]))
        {
            var r = await new TlsProbe().ProbeAsync(new Target("127.0.0.1", server.Port), Options());

            Assert.True(r.Findings.Count == 0, string.Join("\n", r.Findings));
            Assert.True(r.IsTrusted);
        }
    }

    [LinuxFact("openssl")]
    public async Task An_unreachable_CRL_is_REVOCATION_UNKNOWN_a_warning()
    {
        var closed = TestSockets.FreePort();
        using var inter = _pki.Root.Issue("CRL Intermediate", new CertSpec { IsCa = true, CrlUrl = $"http://127.0.0.1:{closed}/root.crl" });
        using var leaf = inter.IssueLeaf(spec: new CertSpec { Dns = ["localhost"], CrlUrl = $"http://127.0.0.1:{closed}/inter.crl" });
        using var server = OpenSslServer.Start(leaf, [inter]);

        var r = await new TlsProbe().ProbeAsync(new Target("127.0.0.1", server.Port), Options() with { Chain = _pki.Trusting with { CheckRevocation = true, RevocationTimeout = TimeSpan.FromSeconds(2) } });

        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.TlsRevocationUnknown, f.Code);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.True(r.IsTrusted);
        Assert.True(r.Succeeded);
    }
}
