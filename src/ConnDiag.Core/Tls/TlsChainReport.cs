using System.Net;
using ConnDiag.Model;

namespace ConnDiag.Tls;

/// <summary>
/// The TLS facts and verdict for one target (or one chain file): the handshake, the chain the server sent
/// and the chain validation built, trust and name checks, protocol support, and the findings.
/// </summary>
/// <param name="TargetName">Host name or address as given (for a file: the file's path).</param>
/// <param name="Port">TCP port (0 for a file).</param>
/// <param name="Address">The address whose handshake this report describes; null for a file or when nothing resolved.</param>
/// <param name="ServerName">The name sent as SNI and checked against the certificate; null when none was checked.</param>
/// <param name="FilePath">The chain file analysed offline, or null.</param>
/// <param name="SentChain">The certificates the server sent (or the file holds), leaf first.</param>
/// <param name="BuiltChain">The chain validation built from them: leaf first, up to the root or as far as it got.</param>
/// <param name="ChainStatus">Validation problems as platform status names (<c>PartialChain</c>, <c>UntrustedRoot</c>, <c>NotTimeValid</c>, ...).</param>
/// <param name="IsTrusted">True when the chain leads to a trusted root without errors (this machine's clock, the trust store in <paramref name="TrustStore"/>).</param>
/// <param name="HostnameMatches">Whether the leaf is valid for <paramref name="ServerName"/>; null when no name was checked.</param>
/// <param name="Protocol">Negotiated TLS version.</param>
/// <param name="CipherSuite">Negotiated cipher suite (IANA name).</param>
/// <param name="Alpn">Negotiated application protocol (<c>h2</c>, <c>http/1.1</c>), or null when the server chose none.</param>
/// <param name="HandshakeMs">TLS handshake time (after the TCP connect).</param>
/// <param name="ProtocolChecks">Whether the server accepts TLS 1.2 and TLS 1.3 (the main handshake, or a ClientHello offering only that version).</param>
/// <param name="Alert">The TLS alert that ended a failed handshake, e.g. <c>protocol_version (70)</c>.</param>
/// <param name="Error">Why the handshake failed, in words; null when it completed.</param>
/// <param name="CertificateCheckSkipped">True when validation was off (-SkipCertificateCheck): problems are warnings.</param>
/// <param name="TrustStore">The roots the chain was checked against, in words.</param>
/// <param name="ClockOffsetMs">The measured clock offset used (reference minus local), or null.</param>
/// <param name="ClockIsCause">True when a certificate is expired or not yet valid only because of this machine's clock.</param>
/// <param name="Attempts">One connect and handshake per address the name resolved to.</param>
/// <param name="Findings">What is wrong, most specific first; empty when all is well.</param>
public sealed record TlsChainReport(
    string TargetName,
    int Port,
    IPAddress? Address,
    string? ServerName,
    string? FilePath,
    IReadOnlyList<CertificateInfo> SentChain,
    IReadOnlyList<CertificateInfo> BuiltChain,
    IReadOnlyList<string> ChainStatus,
    bool IsTrusted,
    bool? HostnameMatches,
    TlsVersion? Protocol,
    string? CipherSuite,
    string? Alpn,
    double? HandshakeMs,
    IReadOnlyList<TlsProtocolCheck> ProtocolChecks,
    string? Alert,
    string? Error,
    bool CertificateCheckSkipped,
    string TrustStore,
    double? ClockOffsetMs,
    bool ClockIsCause,
    IReadOnlyList<TlsAttempt> Attempts,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>Every certificate seen: the built chain, then anything sent that it did not use.</summary>
    public IReadOnlyList<CertificateInfo> Certificates =>
        [.. BuiltChain, .. SentChain.Where(s => !BuiltChain.Any(b => b.Thumbprint == s.Thumbprint))];

    /// <summary>The versions the server accepted in <see cref="ProtocolChecks"/>.</summary>
    public IReadOnlyList<TlsVersion> SupportedProtocols => ProtocolChecks.Where(c => c.Accepted).Select(c => c.Version).ToList();

    /// <summary>Days until the leaf expires (negative once expired); null without a certificate.</summary>
    public int? DaysUntilExpiry => SentChain.Count > 0 ? SentChain[0].DaysUntilExpiry : null;

    /// <summary>Fail when any finding is an error, Warn for warnings, else Pass.</summary>
    public Outcome Outcome => OutcomeRules.FromFindings(Findings);

    /// <summary>True when no finding is an error.</summary>
    public bool Succeeded => !OutcomeRules.HasError(Findings);

    public override string ToString() => FilePath ?? Target.Format(TargetName, Port);
}
