using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Tls;

/// <summary>Facts read from a certificate that the platform does not offer directly.</summary>
internal static class CertificateFacts
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string DsaOid = "1.2.840.10040.4.1";
    private const string Ed25519Oid = "1.3.101.112";
    private const string Ed448Oid = "1.3.101.113";

    /// <summary>Signature algorithms broken for certificates: MD2, MD4, MD5 and SHA-1 with RSA, DSA or ECDSA.</summary>
    private static readonly Dictionary<string, string> WeakSignatures = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.2"] = "MD2 with RSA",
        ["1.2.840.113549.1.1.3"] = "MD4 with RSA",
        ["1.2.840.113549.1.1.4"] = "MD5 with RSA",
        ["1.2.840.113549.1.1.5"] = "SHA-1 with RSA",
        ["1.3.14.3.2.29"] = "SHA-1 with RSA",
        ["1.2.840.10040.4.3"] = "SHA-1 with DSA",
        ["1.2.840.10045.4.1"] = "SHA-1 with ECDSA",
    };

    public static (IReadOnlyList<string> Dns, IReadOnlyList<IPAddress> Ips, bool Present) SubjectAlternativeNames(X509Certificate2 c)
    {
        foreach (var ext in c.Extensions)
        {
            if (ext.Oid?.Value != "2.5.29.17") continue;
            try
            {
                var san = ext as X509SubjectAlternativeNameExtension ?? new X509SubjectAlternativeNameExtension(ext.RawData, ext.Critical);
                return ([.. san.EnumerateDnsNames()], [.. san.EnumerateIPAddresses()], true);
            }
            catch (CryptographicException)
            {
                // A malformed SAN extension matches nothing, as in a client that rejects it.
                return ([], [], true);
            }
        }
        return ([], [], false);
    }

    /// <summary>Subject equals issuer: a root, or a self-signed leaf.</summary>
    public static bool IsSelfIssued(X509Certificate2 c) => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData);

    public static bool IsCertificateAuthority(X509Certificate2 c) =>
        c.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault()?.CertificateAuthority == true;

    public static string SignatureAlgorithmName(X509Certificate2 c) =>
        c.SignatureAlgorithm.FriendlyName is { Length: > 0 } name ? name : c.SignatureAlgorithm.Value ?? "unknown";

    /// <summary>The weak algorithm's name when the certificate is signed with MD2/MD4/MD5/SHA-1, else null.</summary>
    public static string? WeakSignature(X509Certificate2 c) =>
        c.SignatureAlgorithm.Value is { } oid && WeakSignatures.TryGetValue(oid, out var name) ? name : null;

    public static string KeyAlgorithm(X509Certificate2 c) => c.PublicKey.Oid.Value switch
    {
        RsaOid => "RSA",
        EcOid => "EC",
        DsaOid => "DSA",
        Ed25519Oid => "Ed25519",
        Ed448Oid => "Ed448",
        var other => other ?? "unknown",
    };

    public static int KeySize(X509Certificate2 c)
    {
        try
        {
            switch (c.PublicKey.Oid.Value)
            {
                case RsaOid:
                    using (var rsa = c.GetRSAPublicKey()) return rsa?.KeySize ?? 0;
                case EcOid:
                    using (var ec = c.GetECDsaPublicKey()) return ec?.KeySize ?? 0;
                case DsaOid:
                    using (var dsa = c.GetDSAPublicKey()) return dsa?.KeySize ?? 0;
                case Ed25519Oid:
                    return 256;
                case Ed448Oid:
                    return 456;
                default:
                    return 0;
            }
        }
        catch (CryptographicException)
        {
            // An unsupported curve or a malformed key: the size is unknown, not a crash.
            return 0;
        }
    }

    /// <summary>The smallest key of the algorithm a current client accepts: RSA/DSA 2048, EC 256.</summary>
    public static int? MinimumKeySize(string keyAlgorithm) => keyAlgorithm switch
    {
        "RSA" or "DSA" => 2048,
        "EC" => 256,
        _ => null,
    };

    /// <summary>CN of a distinguished name, else the whole name: short enough for a summary.</summary>
    public static string ShortName(X509Certificate2 c)
    {
        var cn = c.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return string.IsNullOrEmpty(cn) ? c.Subject : cn;
    }

    public static string ShortIssuer(X509Certificate2 c)
    {
        var cn = c.GetNameInfo(X509NameType.SimpleName, forIssuer: true);
        return string.IsNullOrEmpty(cn) ? c.Issuer : cn;
    }
}
