using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Findings;
using ConnDiag.Tls;

namespace ConnDiag.Core.Tests.Tls;

/// <summary>Offline mode: chain files in PEM and DER, directories of them, and files that are not certificates.</summary>
public sealed class TlsChainFileTests : IDisposable
{
    private readonly TestChain _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void A_PEM_chain_file_gets_the_same_analysis_as_a_server()
    {
        using var leaf = _pki.Leaf();
        var path = _pki.Dir.WritePem("fullchain.pem", leaf, _pki.Intermediate);

        var r = TlsChainFileCheck.Analyze(path, _pki.Trusting, "localhost");

        Assert.Empty(r.Findings);
        Assert.True(r.IsTrusted);
        Assert.True(r.HostnameMatches);
        Assert.Equal(path, r.FilePath);
        Assert.Equal(path, r.TargetName);
        Assert.Equal(0, r.Port);
        Assert.Null(r.Address);
        Assert.Null(r.Protocol);
        Assert.Empty(r.Attempts);
        Assert.Equal(3, r.BuiltChain.Count);
    }

    [Fact]
    public void A_DER_leaf_alone_is_CHAIN_INCOMPLETE_worded_for_a_file()
    {
        using var leaf = _pki.Leaf();
        var path = _pki.Dir.Write("leaf.der", leaf.Certificate.RawData);

        var r = TlsChainFileCheck.Analyze(path, _pki.Trusting);

        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.TlsChainIncomplete, f.Code);
        Assert.StartsWith($"'{path}': the file holds only the leaf certificate", f.Summary);
        Assert.Null(r.HostnameMatches);
    }

    [Fact]
    public void A_chain_written_root_first_is_reordered_leaf_first()
    {
        using var leaf = _pki.Leaf();
        var path = _pki.Dir.WritePem("reversed.pem", _pki.Root, _pki.Intermediate, leaf);

        var r = TlsChainFileCheck.Analyze(path, _pki.Trusting, "localhost");

        Assert.Equal(leaf.Certificate.Thumbprint, r.SentChain[0].Thumbprint);
        Assert.Empty(r.Findings);
    }

    [Fact]
    public void A_directory_gives_one_report_per_certificate_file_and_skips_other_files()
    {
        using var dir = new TempDir();
        using var good = _pki.Leaf();
        using var expired = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], NotBefore = DateTimeOffset.UtcNow.AddDays(-90), NotAfter = DateTimeOffset.UtcNow.AddDays(-1) });
        dir.WritePem("a.pem", good, _pki.Intermediate);
        dir.Write("b.crt", expired.Certificate.RawData);
        dir.Write("server.key", good.KeyPem);
        dir.Write("notes.txt", "not a certificate");

        var reports = TlsChainFileCheck.AnalyzeAll(dir.Path, _pki.Trusting).ToList();

        Assert.Equal(2, reports.Count);
        Assert.Empty(reports[0].Findings);
        Assert.EndsWith("a.pem", reports[0].FilePath);
        Assert.Contains(FindingCodes.TlsCertExpired, reports[1].Findings.Select(f => f.Code));
    }

    [Fact]
    public void A_garbage_file_is_a_clear_error_naming_the_file()
    {
        var path = _pki.Dir.Write("garbage.pem", "this is not a certificate\n");

        var ex = Assert.Throws<CertificateFileException>(() => TlsChainFileCheck.Analyze(path, _pki.Trusting));

        Assert.Equal(path, ex.Path);
        Assert.StartsWith($"'{path}': not a certificate file: neither PEM", ex.Message);
    }

    [Fact]
    public void Binary_garbage_a_private_key_and_an_empty_file_each_say_what_they_are()
    {
        using var leaf = _pki.Leaf();
        var binary = _pki.Dir.Write("random.der", new byte[] { 0x30, 0x03, 0x02, 0x01, 0x05 });
        var key = _pki.Dir.Write("key.pem", leaf.KeyPem);
        var empty = _pki.Dir.Write("empty.pem", "");

        Assert.Contains("is not a valid X.509 certificate", Assert.Throws<CertificateFileException>(() => CertificateFile.ReadAll(binary)).Message);
        Assert.Contains("only 'PRIVATE KEY' PEM blocks", Assert.Throws<CertificateFileException>(() => CertificateFile.ReadAll(key)).Message);
        Assert.Contains("the file is empty", Assert.Throws<CertificateFileException>(() => CertificateFile.ReadAll(empty)).Message);
        Assert.Contains("no such file or directory", Assert.Throws<CertificateFileException>(() => CertificateFile.Expand(_pki.Dir.File("missing"))).Message);
    }

    [Fact]
    public void A_directory_without_certificate_files_is_an_error()
    {
        using var dir = new TempDir();
        dir.Write("readme.txt", "nothing here");

        var ex = Assert.Throws<CertificateFileException>(() => TlsChainFileCheck.AnalyzeAll(dir.Path, _pki.Trusting).ToList());
        Assert.Contains("has no certificate files", ex.Message);
    }

    [Fact]
    public void A_garbage_CA_bundle_is_an_error_naming_it()
    {
        var path = _pki.Dir.Write("bundle.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");

        var ex = Assert.Throws<CertificateFileException>(() => TlsTrust.FromBundle(path, CaBundleMode.Add));

        Assert.Equal(path, ex.Path);
    }
}
