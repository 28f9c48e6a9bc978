namespace ConnDiag.Http;

/// <summary>What the TLS handshake of an https exchange established; the TLS stage does the full chain analysis.</summary>
/// <param name="Protocol">Negotiated protocol (<c>Tls12</c>, <c>Tls13</c>); null when the handshake did not finish.</param>
/// <param name="CipherSuite">Negotiated cipher suite name; null when the handshake did not finish.</param>
/// <param name="Alpn">Negotiated application protocol (<c>http/1.1</c>, <c>h2</c>), or null.</param>
/// <param name="ServerName">The SNI name sent: the URL's host (null for an IP literal, which has no SNI).</param>
/// <param name="CertificateValidation">How the certificate was checked.</param>
/// <param name="CertificateSubject">Subject of the server's leaf certificate, when one was received.</param>
/// <param name="CertificateIssuer">Issuer of the server's leaf certificate, when one was received.</param>
/// <param name="ValidationError">Why the certificate was rejected, or null when it was accepted (or not received).</param>
public sealed record HttpTlsInfo(
    string? Protocol,
    string? CipherSuite,
    string? Alpn,
    string? ServerName,
    CertificateValidationMode CertificateValidation,
    string? CertificateSubject,
    string? CertificateIssuer,
    string? ValidationError);
