using ConnDiag.Model;

namespace ConnDiag.Tls;

/// <summary>What <see cref="ChainAnalyzer"/> concluded about one chain.</summary>
/// <param name="SentChain">The certificates as received (leaf first).</param>
/// <param name="BuiltChain">The chain validation built: leaf first, up to the root or as far as it got.</param>
/// <param name="ChainStatus">The chain's problems as platform status names (<c>UntrustedRoot</c>, <c>PartialChain</c>, ...); empty when valid.</param>
/// <param name="IsTrusted">True when the chain leads to a trusted root with no error (revocation that could not be checked aside).</param>
/// <param name="HostnameMatches">Whether the leaf is valid for the name checked; null when no name was checked.</param>
/// <param name="ClockIsCause">True when a certificate is expired or not yet valid only by this machine's clock (see <see cref="TlsChainOptions.ClockOffset"/>).</param>
/// <param name="Findings">TLS findings about the chain.</param>
public sealed record ChainAnalysis(
    IReadOnlyList<CertificateInfo> SentChain,
    IReadOnlyList<CertificateInfo> BuiltChain,
    IReadOnlyList<string> ChainStatus,
    bool IsTrusted,
    bool? HostnameMatches,
    bool ClockIsCause,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>No certificate to analyse (the handshake failed before the server sent one).</summary>
    public static ChainAnalysis None { get; } = new([], [], [], false, null, false, []);
}
