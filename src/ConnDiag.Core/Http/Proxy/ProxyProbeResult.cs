using System.Text.Json.Serialization;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// The proxy stage's evidence for one target: the settings used (credentials masked), the route decision, the
/// TCP attempts to the proxy, how far the CONNECT got, what the proxy answered, timings and findings.
/// </summary>
/// <param name="TargetHost">Target host as asked of the proxy.</param>
/// <param name="TargetPort">Target port.</param>
/// <param name="TargetScheme">Target URL scheme.</param>
/// <param name="Settings">The proxy settings used, with sources.</param>
/// <param name="Decision">Direct, via the proxy, bypassed (with the NO_PROXY entry) or unusable.</param>
/// <param name="Attempts">TCP connects to the proxy's addresses, in order, up to the first that succeeded.</param>
/// <param name="TunnelStatus">How far the way through the proxy got.</param>
/// <param name="StatusCode">The proxy's status code for CONNECT, when it answered.</param>
/// <param name="ReasonPhrase">The status line's reason phrase (e.g. <c>Filtered</c>, <c>Unable to connect</c>).</param>
/// <param name="ProxyAuthenticateSchemes">Schemes offered in Proxy-Authenticate (Basic, NTLM, Negotiate, ...), in order.</param>
/// <param name="ResponseHeaders">Diagnostic headers of the proxy's answer (Server, Via, Proxy-Status, Proxy-Authenticate, X-Squid-Error, ...), secrets scrubbed.</param>
/// <param name="BodySnippet">The start of a refusal's body as text (tags removed, capped, secrets scrubbed).</param>
/// <param name="ProxyTlsProtocol">TLS version negotiated with an https proxy.</param>
/// <param name="ProxyCertificateCheckSkipped">True when the https proxy's certificate was not validated.</param>
/// <param name="ProxyResolveMs">Time to resolve the proxy's name (0 for an IP literal; null when not done).</param>
/// <param name="ProxyConnectMs">TCP connect time to the proxy address that accepted.</param>
/// <param name="ProxyTlsMs">TLS handshake time with an https proxy.</param>
/// <param name="ConnectRoundTripMs">From sending CONNECT to the end of the proxy's response headers.</param>
/// <param name="DurationMs">The whole probe.</param>
/// <param name="Findings">PROXY.* findings.</param>
public sealed record ProxyProbeResult(
    string TargetHost,
    int TargetPort,
    string TargetScheme,
    ProxySettings Settings,
    ProxyDecision Decision,
    IReadOnlyList<TcpAttempt> Attempts,
    ProxyTunnelStatus TunnelStatus,
    int? StatusCode,
    string? ReasonPhrase,
    IReadOnlyList<string> ProxyAuthenticateSchemes,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    string? BodySnippet,
    string? ProxyTlsProtocol,
    bool ProxyCertificateCheckSkipped,
    double? ProxyResolveMs,
    double? ProxyConnectMs,
    double? ProxyTlsMs,
    double? ConnectRoundTripMs,
    double DurationMs,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>Pass, Warn or Fail from the findings (Info-only findings such as PROXY.BYPASSED pass).</summary>
    public Outcome Outcome => OutcomeRules.FromFindings(Findings);

    /// <summary>True when a proxy was used and the way through it is open (tunnel established, or an http target's proxy accepted the connection).</summary>
    public bool TunnelOpen => TunnelStatus is ProxyTunnelStatus.Established or ProxyTunnelStatus.NotNeeded;

    /// <summary>The proxy address that accepted TCP, when one did (already in <see cref="Attempts"/>, so not serialized twice).</summary>
    [JsonIgnore]
    public TcpAttempt? ConnectedAttempt => Attempts.FirstOrDefault(a => a.State == TcpPortState.Open);
}
