using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Core.Tests.Http.Support;

/// <summary>
/// A test root and a leaf for localhost, 127.0.0.1 and api.test, made per run with .NET's CertificateRequest;
/// the root goes to a PEM file for CaBundle, never into the machine's store.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public const string ExtraName = "api.test";

    private readonly string _dir;

    public TestCertificates()
        : this("localhost", ["localhost", ExtraName], leafDays: 10, rootName: "ConnDiag HTTP Test Root")
    {
    }

    /// <summary>A root and a leaf for <paramref name="dnsNames"/> and 127.0.0.1, valid for <paramref name="leafDays"/> days.</summary>
    public TestCertificates(string leafCommonName, IReadOnlyList<string> dnsNames, int leafDays, string rootName)
    {
        _dir = Directory.CreateTempSubdirectory("conndiag-http-tls-").FullName;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=" + rootName, rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(Math.Max(30, leafDays + 10)));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=" + leafCommonName, leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames) san.AddDnsName(name);
        san.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = leafRequest.Create(Root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(leafDays), [1, 2, 3, 4]);
        using var withKey = signed.CopyWithPrivateKey(leafKey);
        // A PFX round trip gives Kestrel a key it can use on every platform.
        Leaf = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);

        RootPemPath = Path.Combine(_dir, "root.pem");
        File.WriteAllText(RootPemPath, Root.ExportCertificatePem());
        LeafPemPath = Path.Combine(_dir, "leaf.pem");
        File.WriteAllText(LeafPemPath, Leaf.ExportCertificatePem());
        LeafKeyPath = Path.Combine(_dir, "leaf.key");
        File.WriteAllText(LeafKeyPath, leafKey.ExportPkcs8PrivateKeyPem());
        // nginx's worker runs as nobody: it must be able to read the files it serves with.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var f in new[] { RootPemPath, LeafPemPath, LeafKeyPath })
            {
                File.SetUnixFileMode(f, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
            File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        }
    }

    public X509Certificate2 Root { get; }
    public X509Certificate2 Leaf { get; }
    public string RootPemPath { get; }
    public string LeafPemPath { get; }
    public string LeafKeyPath { get; }

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
