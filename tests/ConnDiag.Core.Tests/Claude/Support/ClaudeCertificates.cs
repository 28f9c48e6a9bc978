using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Core.Tests.Claude.Support;

/// <summary>
/// A per-test root and a leaf for api.anthropic.com, localhost and 127.0.0.1, so a run against the default base
/// URL can be pinned to the loopback fake with the name intact. The root goes to a PEM file (the test's
/// NODE_EXTRA_CA_CERTS), never into a store; nothing is ever resolved or sent to the real host.
/// </summary>
internal sealed class ClaudeCertificates : IDisposable
{
    private readonly string _dir;

    public ClaudeCertificates()
    {
        _dir = Directory.CreateTempSubdirectory("conndiag-claude-tls-").FullName;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=ConnDiag Claude Test Root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(60));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=api.anthropic.com", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("api.anthropic.com");
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = leafRequest.Create(Root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(50), [7, 7, 7, 7]);
        using var withKey = signed.CopyWithPrivateKey(leafKey);
        Leaf = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
        RootPemPath = Path.Combine(_dir, "root.pem");
        File.WriteAllText(RootPemPath, Root.ExportCertificatePem());
    }

    public X509Certificate2 Root { get; }
    public X509Certificate2 Leaf { get; }
    public string RootPemPath { get; }

    public void Dispose()
    {
        Root.Dispose();
        Leaf.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }
}
