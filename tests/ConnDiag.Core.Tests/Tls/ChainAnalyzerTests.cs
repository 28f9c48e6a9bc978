using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Tls;

namespace ConnDiag.Core.Tests.Tls;

/// <summary>
/// The chain rules over certificates generated per run, trusted only through a CA bundle. The same rules run
/// on chains captured from real servers in <see cref="TlsProbeTests"/>; here each rule is pinned down alone.
/// </summary>
public sealed class ChainAnalyzerTests : IDisposable
{
    private readonly TestChain _pki = new();
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public void Dispose() => _pki.Dispose();

    private ChainAnalysis Analyze(IReadOnlyList<X509Certificate2> sent, string? name = "localhost", TlsChainOptions? options = null, DateTimeOffset? now = null) =>
        ChainAnalyzer.Analyze(sent, name, options ?? _pki.Trusting, now ?? Now, "test:443");

    private static IReadOnlyList<string> Codes(ChainAnalysis a) => a.Findings.Select(f => f.Code).ToList();

    [Fact]
    public void A_full_chain_to_a_bundle_root_is_trusted_and_clean()
    {
        using var leaf = _pki.Leaf();

        var a = Analyze([leaf.Certificate, _pki.Intermediate.Certificate]);

        Assert.True(a.IsTrusted);
        Assert.True(a.HostnameMatches);
        Assert.Empty(a.Findings);
        Assert.Empty(a.ChainStatus);
        Assert.Equal(2, a.SentChain.Count);
        Assert.Equal(3, a.BuiltChain.Count);
        Assert.Equal(["localhost", "ConnDiag Test Intermediate", "ConnDiag Test Root"], a.BuiltChain.Select(c => c.Subject["CN=".Length..]));
        Assert.Equal([true, true, false], a.BuiltChain.Select(c => c.SentByServer));
        var info = a.SentChain[0];
        Assert.Equal("EC", info.KeyAlgorithm);
        Assert.Equal(256, info.KeySize);
        Assert.Equal("sha256ECDSA", info.SignatureAlgorithm);
        Assert.Equal(["DNS:localhost", "IP:127.0.0.1"], info.SubjectAlternativeNames);
        Assert.Equal(leaf.Certificate.Thumbprint, info.Thumbprint);
        Assert.InRange(info.DaysUntilExpiry, 88, 90);
        Assert.False(info.IsCertificateAuthority);
        Assert.True(a.BuiltChain[2].IsSelfSigned);
    }

    [Fact]
    public void Only_the_leaf_sent_is_CHAIN_INCOMPLETE_not_UNTRUSTED_ROOT()
    {
        using var leaf = _pki.Leaf();

        var a = Analyze([leaf.Certificate]);

        Assert.False(a.IsTrusted);
        Assert.Contains("PartialChain", a.ChainStatus);
        var f = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsChainIncomplete, f.Code);
        Assert.Contains("only the leaf certificate", f.Summary);
        Assert.Contains("'ConnDiag Test Intermediate'", f.Summary);
    }

    [Fact]
    public void A_full_chain_to_a_root_nobody_trusts_is_UNTRUSTED_ROOT()
    {
        using var other = new TestChain("Someone Else's Root");
        using var leaf = _pki.Leaf();

        var a = Analyze([leaf.Certificate, _pki.Intermediate.Certificate, _pki.Root.Certificate], options: other.Trusting);

        Assert.False(a.IsTrusted);
        var f = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsUntrustedRoot, f.Code);
        Assert.Contains("'ConnDiag Test Root'", f.Summary);
        Assert.Contains("the server sent the root itself", f.Evidence);
    }

    [Fact]
    public void A_chain_whose_top_issuer_is_unknown_is_UNTRUSTED_ROOT_naming_that_issuer()
    {
        using var other = new TestChain("Someone Else's Root");
        using var leaf = _pki.Leaf();

        var a = Analyze([leaf.Certificate, _pki.Intermediate.Certificate], options: other.Trusting);

        var f = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsUntrustedRoot, f.Code);
        Assert.Contains("ends at 'ConnDiag Test Intermediate', whose issuer 'ConnDiag Test Root'", f.Summary);
    }

    [Fact]
    public void A_self_signed_leaf_is_SELF_SIGNED_unless_the_bundle_trusts_it()
    {
        using var self = TestCertificate.Root("localhost", new CertSpec { Dns = ["localhost"], IsCa = false });

        var untrusted = Analyze([self.Certificate]);
        Assert.Equal([FindingCodes.TlsSelfSigned], Codes(untrusted));

        var bundle = _pki.Dir.WritePem("self.pem", self);
        var trusted = Analyze([self.Certificate], options: new TlsChainOptions { Trust = TlsTrust.FromBundle(bundle, CaBundleMode.Replace) });
        Assert.True(trusted.IsTrusted);
        Assert.Empty(trusted.Findings);
    }

    [Fact]
    public void Expired_and_not_yet_valid_leaves_say_when()
    {
        using var expired = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], NotBefore = Now.AddDays(-60), NotAfter = Now.AddDays(-3) });
        using var future = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], NotBefore = Now.AddDays(2), NotAfter = Now.AddDays(90) });

        var a = Analyze([expired.Certificate, _pki.Intermediate.Certificate]);
        var e = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsCertExpired, e.Code);
        Assert.Contains("the leaf certificate 'localhost' expired 3 days ago", e.Summary);
        Assert.False(a.IsTrusted);
        Assert.Contains("NotTimeValid", a.ChainStatus);
        Assert.True(a.SentChain[0].DaysUntilExpiry < 0);

        var b = Analyze([future.Certificate, _pki.Intermediate.Certificate]);
        var n = Assert.Single(b.Findings);
        Assert.Equal(FindingCodes.TlsCertNotYetValid, n.Code);
        Assert.Contains("is not valid until", n.Summary);
        Assert.False(b.ClockIsCause);
    }

    [Fact]
    public void An_expired_intermediate_is_named_as_the_intermediate()
    {
        using var oldInter = _pki.Root.Issue("Old Intermediate", new CertSpec { IsCa = true, NotBefore = Now.AddYears(-3), NotAfter = Now.AddDays(-1) });
        using var leaf = oldInter.IssueLeaf();

        var a = Analyze([leaf.Certificate, oldInter.Certificate]);

        var f = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsCertExpired, f.Code);
        Assert.Contains("the intermediate CA certificate 'Old Intermediate'", f.Summary);
    }

    [Fact]
    public void A_leaf_expiring_within_MinimumDaysValid_is_EXPIRES_SOON_a_warning()
    {
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], NotAfter = Now.AddDays(5).AddHours(1) });

        var a = Analyze([leaf.Certificate, _pki.Intermediate.Certificate]);
        var f = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsExpiresSoon, f.Code);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("expires in 5 days", f.Summary);
        Assert.True(a.IsTrusted);

        Assert.Empty(Analyze([leaf.Certificate, _pki.Intermediate.Certificate], options: _pki.Trusting with { MinimumDaysValid = 5 }).Findings);
    }

    [Fact]
    public void A_name_the_certificate_does_not_list_is_NAME_MISMATCH_listing_what_it_does()
    {
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["wrong.example.test", "*.other.example.test"] });

        var a = Analyze([leaf.Certificate, _pki.Intermediate.Certificate], "api.example.test");

        Assert.False(a.HostnameMatches);
        Assert.True(a.IsTrusted);
        var f = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsNameMismatch, f.Code);
        Assert.Contains("'api.example.test'", f.Summary);
        Assert.Contains("DNS:wrong.example.test, DNS:*.other.example.test", f.Summary);
        Assert.Null(Analyze([leaf.Certificate, _pki.Intermediate.Certificate], name: null).HostnameMatches);
    }

    [Fact]
    public void A_known_inspection_product_is_INTERCEPTED_an_error_when_untrusted_a_warning_when_trusted()
    {
        using var zscaler = new TestChain("Zscaler Root CA", "Zscaler Intermediate Root CA", organization: "Zscaler Inc.");
        using var leaf = zscaler.Leaf("api.anthropic.com", new CertSpec { Dns = ["api.anthropic.com"] });
        X509Certificate2[] sent = [leaf.Certificate, zscaler.Intermediate.Certificate];

        var untrusted = Analyze(sent, "api.anthropic.com");
        Assert.Equal(FindingCodes.TlsIntercepted, untrusted.Findings[0].Code);
        Assert.Equal(Severity.Error, untrusted.Findings[0].Severity);
        Assert.Contains("intercepted by Zscaler", untrusted.Findings[0].Summary);
        Assert.Contains("'Zscaler Intermediate Root CA'", untrusted.Findings[0].Summary);
        Assert.Contains(FindingCodes.TlsUntrustedRoot, Codes(untrusted));

        var trusted = Analyze(sent, "api.anthropic.com", zscaler.Trusting);
        Assert.True(trusted.IsTrusted);
        var f = Assert.Single(trusted.Findings);
        Assert.Equal(FindingCodes.TlsIntercepted, f.Code);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("NODE_EXTRA_CA_CERTS", f.Remedy);
    }

    [Fact]
    public void A_private_root_signing_a_public_name_is_suspected_interception_but_a_private_name_is_not()
    {
        using var leaf = _pki.Leaf("www.wikipedia.org", new CertSpec { Dns = ["www.wikipedia.org", "internal.corp"] });
        X509Certificate2[] sent = [leaf.Certificate, _pki.Intermediate.Certificate];

        var a = Analyze(sent, "www.wikipedia.org");
        var f = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsIntercepted, f.Code);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("a private root, 'ConnDiag Test Root'", f.Summary);

        Assert.Empty(Analyze(sent, "internal.corp").Findings);
    }

    [Fact]
    public void A_SHA1_signed_leaf_is_WEAK_SIGNATURE()
    {
        using var rsaInter = _pki.Root.Issue("RSA Intermediate", new CertSpec { IsCa = true, Key = TestKeyKind.Rsa2048 });
        using var leaf = rsaInter.IssueLeaf(spec: new CertSpec { Dns = ["localhost"], Hash = HashAlgorithmName.SHA1 });

        var a = Analyze([leaf.Certificate, rsaInter.Certificate]);

        Assert.Equal("sha1RSA", a.SentChain[0].SignatureAlgorithm);
        var f = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsWeakSignature, f.Code);
        Assert.Contains("SHA-1 with RSA", f.Summary);
    }

    [Theory]
    [InlineData(TestKeyKind.Rsa1024, "1024-bit RSA")]
    [InlineData(TestKeyKind.EcP224, "224-bit EC")]
    public void Small_keys_are_WEAK_KEY(TestKeyKind kind, string expected)
    {
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], Key = kind });

        var a = Analyze([leaf.Certificate, _pki.Intermediate.Certificate]);

        var f = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsWeakKey, f.Code);
        Assert.Contains(expected, f.Summary);
    }

    [Fact]
    public void An_issuer_that_is_not_a_CA_is_CHAIN_INVALID_with_the_status()
    {
        using var notCa = _pki.Intermediate.Issue("not-a-ca", new CertSpec { Dns = ["not-a-ca.test"] });
        using var leaf = notCa.IssueLeaf();

        var a = Analyze([leaf.Certificate, notCa.Certificate, _pki.Intermediate.Certificate]);

        Assert.False(a.IsTrusted);
        var f = Assert.Single(a.Findings, x => x.Code == FindingCodes.TlsChainInvalid);
        Assert.Contains("InvalidBasicConstraints", f.Summary);
    }

    [Fact]
    public void Clock_hook_a_certificate_not_yet_valid_only_by_the_local_clock_blames_the_clock()
    {
        // The leaf starts in an hour; this machine's clock is two hours behind the reference (offset +2 h).
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], NotBefore = Now.AddHours(1), NotAfter = Now.AddDays(30) });
        var options = _pki.Trusting with { ClockOffset = TimeSpan.FromHours(2) };

        var a = Analyze([leaf.Certificate, _pki.Intermediate.Certificate], options: options);

        Assert.True(a.ClockIsCause);
        var f = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsCertNotYetValid, f.Code);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("only because this machine's clock is 2 h behind", f.Summary);
        Assert.Contains("The clock is the cause, not the certificate", f.Summary);
        Assert.Contains("clock", f.Remedy);

        // Without the measurement it is an ordinary NOT_YET_VALID.
        var plain = Analyze([leaf.Certificate, _pki.Intermediate.Certificate]);
        Assert.False(plain.ClockIsCause);
        Assert.DoesNotContain("clock is", plain.Findings[0].Summary);
    }

    [Fact]
    public void Clock_hook_an_expired_certificate_with_the_clock_ahead_blames_the_clock()
    {
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], NotBefore = Now.AddDays(-30), NotAfter = Now.AddHours(-1) });

        var a = Analyze([leaf.Certificate, _pki.Intermediate.Certificate], options: _pki.Trusting with { ClockOffset = TimeSpan.FromHours(-3) });

        Assert.True(a.ClockIsCause);
        Assert.Equal(FindingCodes.TlsCertExpired, Assert.Single(a.Findings, f => f.Severity == Severity.Error).Code);
        Assert.Contains("3 h ahead", a.Findings[0].Summary);
    }

    [Fact]
    public void Clock_hook_a_genuinely_expired_certificate_stays_the_certificate_s_fault()
    {
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], NotBefore = Now.AddDays(-60), NotAfter = Now.AddDays(-10) });

        var a = Analyze([leaf.Certificate, _pki.Intermediate.Certificate], options: _pki.Trusting with { ClockOffset = TimeSpan.FromMinutes(-5) });

        Assert.False(a.ClockIsCause);
        var f = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsCertExpired, f.Code);
        Assert.Contains("the corrected clock", f.Evidence);
        Assert.Contains("agrees", f.Evidence);
    }

    [Fact]
    public void Clock_hook_a_clock_behind_that_hides_an_expiry_is_a_warning()
    {
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], NotBefore = Now.AddDays(-30), NotAfter = Now.AddHours(1) });

        var a = Analyze([leaf.Certificate, _pki.Intermediate.Certificate], options: _pki.Trusting with { ClockOffset = TimeSpan.FromHours(5), MinimumDaysValid = 0 });

        Assert.True(a.IsTrusted);
        var f = Assert.Single(a.Findings);
        Assert.Equal(FindingCodes.TlsCertExpired, f.Code);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("hides it", f.Summary);
    }

    [Fact]
    public void SkipCertificateCheck_keeps_every_problem_as_a_warning()
    {
        using var self = TestCertificate.Root("self", new CertSpec { Dns = ["self.test"], IsCa = false });

        var a = Analyze([self.Certificate], "localhost", _pki.Trusting with { SkipCertificateCheck = true });

        Assert.Equal([FindingCodes.TlsSelfSigned, FindingCodes.TlsNameMismatch], Codes(a));
        Assert.All(a.Findings, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.All(a.Findings, f => Assert.Contains("-SkipCertificateCheck", f.Evidence));
        Assert.False(a.IsTrusted);
    }

    [Fact]
    public void Adding_a_bundle_keeps_the_system_roots_and_replacing_drops_them()
    {
        var system = TlsTrust.System;
        var add = TlsTrust.FromBundle(_pki.BundlePath, CaBundleMode.Add);
        var replace = TlsTrust.FromBundle(_pki.BundlePath, CaBundleMode.Replace);
        using var leaf = _pki.Leaf();
        X509Certificate2[] sent = [leaf.Certificate, _pki.Intermediate.Certificate];

        Assert.False(Analyze(sent, options: new TlsChainOptions { Trust = system }).IsTrusted);
        Assert.True(Analyze(sent, options: new TlsChainOptions { Trust = add }).IsTrusted);
        Assert.True(Analyze(sent, options: new TlsChainOptions { Trust = replace }).IsTrusted);
        Assert.Equal("the system trust store", system.Description);
        Assert.Contains("plus the CA bundle", add.Description);
        Assert.StartsWith("only the CA bundle", replace.Description);
    }

    [Fact]
    public void No_certificates_means_no_analysis()
    {
        var a = Analyze([]);
        Assert.Same(ChainAnalysis.None, a);
    }
}
