using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Tls;

/// <summary>The facts of one certificate, as plain values (no platform certificate object is kept).</summary>
/// <param name="Subject">Subject distinguished name.</param>
/// <param name="Issuer">Issuer distinguished name.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="DaysUntilExpiry">Whole days from the check's time to <paramref name="NotAfter"/>; negative once expired.</param>
/// <param name="SubjectAlternativeNames">DNS and IP names, as <c>DNS:name</c> and <c>IP:address</c>.</param>
/// <param name="SerialNumber">Serial number, hex.</param>
/// <param name="Thumbprint">SHA-1 hash of the certificate, hex (what Windows and PowerShell's Cert: drive show).</param>
/// <param name="SignatureAlgorithm">How the issuer signed it, e.g. <c>sha256RSA</c>, <c>sha256ECDSA</c>, <c>sha1RSA</c>.</param>
/// <param name="KeyAlgorithm"><c>RSA</c>, <c>EC</c>, <c>DSA</c>, <c>Ed25519</c>, <c>Ed448</c>, or the key's OID.</param>
/// <param name="KeySize">Key size in bits (0 when unknown).</param>
/// <param name="IsCertificateAuthority">True when basic constraints say CA:TRUE.</param>
/// <param name="IsSelfSigned">True when subject and issuer are the same name (a root, or a self-signed leaf).</param>
/// <param name="SentByServer">True when the server sent it (or the file held it); false when it came from a trust store.</param>
public sealed record CertificateInfo(
    string Subject,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    int DaysUntilExpiry,
    IReadOnlyList<string> SubjectAlternativeNames,
    string SerialNumber,
    string Thumbprint,
    string SignatureAlgorithm,
    string KeyAlgorithm,
    int KeySize,
    bool IsCertificateAuthority,
    bool IsSelfSigned,
    bool SentByServer)
{
    internal static CertificateInfo From(X509Certificate2 c, bool sent, DateTimeOffset now)
    {
        var notAfter = new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var san = CertificateFacts.SubjectAlternativeNames(c);
        return new CertificateInfo(
            c.Subject,
            c.Issuer,
            new DateTimeOffset(c.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            notAfter,
            (int)Math.Floor((notAfter - now).TotalDays),
            [.. san.Dns.Select(d => "DNS:" + d), .. san.Ips.Select(i => "IP:" + i)],
            c.SerialNumber,
            c.Thumbprint,
            CertificateFacts.SignatureAlgorithmName(c),
            CertificateFacts.KeyAlgorithm(c),
            CertificateFacts.KeySize(c),
            CertificateFacts.IsCertificateAuthority(c),
            CertificateFacts.IsSelfIssued(c),
            sent);
    }

    public override string ToString() => Subject;
}
