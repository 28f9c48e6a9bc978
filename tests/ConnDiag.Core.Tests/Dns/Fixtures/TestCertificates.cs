using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Core.Tests.Dns.Fixtures;

/// <summary>
/// A root CA and a server certificate for 127.0.0.1 and localhost, made in memory for one test run.
/// Nothing is written to any certificate store: the client trusts the root through its own option.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=ConnDiag Test DoH Root", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        Root = X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=localhost", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = leafRequest.Create(ca, now.AddMinutes(-5), now.AddHours(12), serial);
        using var withKey = signed.CopyWithPrivateKey(leafKey);
        // A PKCS#12 round trip gives a certificate whose key TLS servers can use on every platform.
        Server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The root (public part only): what a client is told to trust.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The server certificate with its private key, issued by <see cref="Root"/>.</summary>
    public X509Certificate2 Server { get; }

    public X509Certificate2Collection Roots => [Root];

    public void Dispose()
    {
        Root.Dispose();
        Server.Dispose();
    }
}
