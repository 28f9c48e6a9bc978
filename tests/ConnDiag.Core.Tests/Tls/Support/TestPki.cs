using System.Formats.Asn1;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Core.Tests.Tls.Support;

/// <summary>Key kinds the tests issue: P-256 is fast and normal; RSA 1024 and P-224 are deliberately weak.</summary>
public enum TestKeyKind { EcP256, EcP224, Rsa2048, Rsa1024 }

/// <summary>What to put into a test certificate; every field has the ordinary value by default.</summary>
internal sealed record CertSpec
{
    public string? Organization { get; init; }
    public IReadOnlyList<string> Dns { get; init; } = [];
    public IReadOnlyList<IPAddress> Ips { get; init; } = [];
    public DateTimeOffset? NotBefore { get; init; }
    public DateTimeOffset? NotAfter { get; init; }
    public bool IsCa { get; init; }
    public TestKeyKind Key { get; init; } = TestKeyKind.EcP256;
    public HashAlgorithmName Hash { get; init; } = HashAlgorithmName.SHA256;
    public string? CrlUrl { get; init; }
    /// <summary>Leave out basic constraints entirely (with IsCa false this makes an issuer that is not a CA).</summary>
    public bool OmitBasicConstraints { get; init; }
}

/// <summary>
/// A certificate made in the test with .NET's CertificateRequest, and its private key. Issuing goes through a
/// signature generator rather than an issuer certificate, so any validity period and any (weak) hash can be
/// produced, as the fixtures need: expired, not yet valid, SHA-1, non-CA issuers.
/// </summary>
internal sealed class TestCertificate : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private TestCertificate(X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        Certificate = certificate;
        Key = key;
    }

    /// <summary>The certificate without its private key (as a server sends it).</summary>
    public X509Certificate2 Certificate { get; }

    public AsymmetricAlgorithm Key { get; }

    public string Pem => Certificate.ExportCertificatePem();

    public string KeyPem => Key switch
    {
        RSA rsa => rsa.ExportPkcs8PrivateKeyPem(),
        ECDsa ec => ec.ExportPkcs8PrivateKeyPem(),
        _ => throw new NotSupportedException(),
    };

    public string SerialNumber => Certificate.SerialNumber;

    /// <summary>A self-signed CA (valid from ten years ago to ten years ahead unless the spec says otherwise).</summary>
    public static TestCertificate Root(string commonName, CertSpec? spec = null)
    {
        spec = (spec ?? new CertSpec()) with { IsCa = true };
        var key = NewKey(spec.Key);
        var subject = Name(commonName, spec.Organization);
        var cert = Build(subject, key, spec, subject, Generator(key, spec.Hash), issuer: null);
        return new TestCertificate(cert, key);
    }

    /// <summary>A certificate issued (signed) by this one.</summary>
    public TestCertificate Issue(string commonName, CertSpec? spec = null)
    {
        spec ??= new CertSpec();
        var key = NewKey(spec.Key);
        var cert = Build(Name(commonName, spec.Organization), key, spec, Certificate.SubjectName, Generator(Key, spec.Hash), Certificate);
        return new TestCertificate(cert, key);
    }

    /// <summary>A leaf for the usual test names (localhost, 127.0.0.1).</summary>
    public TestCertificate IssueLeaf(string commonName = "localhost", CertSpec? spec = null) =>
        Issue(commonName, spec ?? new CertSpec { Dns = ["localhost"], Ips = [IPAddress.Loopback] });

    /// <summary>A CRL signed by this CA listing <paramref name="revoked"/>, valid for a day.</summary>
    public byte[] Crl(params TestCertificate[] revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var r in revoked) builder.AddEntry(r.Certificate, Now.AddMinutes(-5), X509RevocationReason.KeyCompromise);
        var akid = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false);
        return builder.Build(Certificate.SubjectName, Generator(Key, HashAlgorithmName.SHA256), BigInteger.One, Now.AddDays(1), HashAlgorithmName.SHA256, akid, Now.AddMinutes(-10));
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }

    private static X509Certificate2 Build(X500DistinguishedName subject, AsymmetricAlgorithm key, CertSpec spec, X500DistinguishedName issuerName,
        X509SignatureGenerator generator, X509Certificate2? issuer)
    {
        var publicKey = key switch
        {
            RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1).PublicKey,
            ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec).PublicKey,
            _ => throw new NotSupportedException(),
        };
        var request = new CertificateRequest(subject, publicKey, spec.Hash);
        if (!spec.OmitBasicConstraints)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(spec.IsCa, false, 0, critical: true));
        }
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            spec.IsCa ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign
                : key is RSA ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature,
            critical: true));
        if (!spec.IsCa)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        }
        if (spec.Dns.Count > 0 || spec.Ips.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var d in spec.Dns) san.AddDnsName(d);
            foreach (var ip in spec.Ips) san.AddIpAddress(ip);
            request.CertificateExtensions.Add(san.Build());
        }
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, critical: false));
        if (issuer is not null)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        }
        if (spec.CrlUrl is not null)
        {
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([spec.CrlUrl]));
        }
        var notBefore = spec.NotBefore ?? (spec.IsCa ? Now.AddYears(-10) : Now.AddDays(-1));
        var notAfter = spec.NotAfter ?? (spec.IsCa ? Now.AddYears(10) : Now.AddDays(90));
        return request.Create(issuerName, generator, notBefore, notAfter, NewSerial());
    }

    private static AsymmetricAlgorithm NewKey(TestKeyKind kind) => kind switch
    {
        TestKeyKind.EcP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        TestKeyKind.EcP224 => ECDsa.Create(ECCurve.CreateFromFriendlyName("secp224r1")),
        TestKeyKind.Rsa2048 => RSA.Create(2048),
        TestKeyKind.Rsa1024 => RSA.Create(1024),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static X509SignatureGenerator Generator(AsymmetricAlgorithm key, HashAlgorithmName hash) => key switch
    {
        RSA rsa when hash == HashAlgorithmName.SHA1 => new Sha1RsaGenerator(rsa),
        RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
        ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
        _ => throw new NotSupportedException(),
    };

    private static X500DistinguishedName Name(string commonName, string? organization)
    {
        var b = new X500DistinguishedNameBuilder();
        if (organization is not null) b.AddOrganizationName(organization);
        b.AddCommonName(commonName);
        return b.Build();
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        serial[0] |= 0x01;
        return serial;
    }

    /// <summary>sha1WithRSAEncryption, which the platform's generator no longer offers: the WEAK_SIGNATURE fixture.</summary>
    private sealed class Sha1RsaGenerator(RSA key) : X509SignatureGenerator
    {
        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier("1.2.840.113549.1.1.5");
                w.WriteNull();
            }
            return w.Encode();
        }

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) =>
            key.SignData(data, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);

        protected override PublicKey BuildPublicKey() => CreateForRSA(key, RSASignaturePadding.Pkcs1).PublicKey;
    }
}
