using System.Net;
using System.Net.Security;
using ConnDiag.Tcp;

namespace ConnDiag.Tls;

/// <summary>One address of a target: its TCP connect and its TLS handshake.</summary>
/// <param name="Address">The address connected to.</param>
/// <param name="Port">The port connected to.</param>
/// <param name="TcpState">The connect's classification (Open when the handshake could start).</param>
/// <param name="ConnectMs">TCP connect time.</param>
/// <param name="HandshakeCompleted">True when the TLS handshake finished.</param>
/// <param name="HandshakeMs">TLS handshake time (after the connect), or null when it did not start.</param>
/// <param name="Protocol">Negotiated version, when the handshake finished.</param>
/// <param name="LeafThumbprint">SHA-1 thumbprint of the certificate this address presented (addresses behind one name may differ).</param>
/// <param name="PolicyErrors">What the platform's validation said during the handshake (the configured trust store, name check, no revocation check).</param>
/// <param name="Detail">What happened, in words.</param>
public sealed record TlsAttempt(
    IPAddress Address,
    int Port,
    TcpPortState TcpState,
    double ConnectMs,
    bool HandshakeCompleted,
    double? HandshakeMs,
    TlsVersion? Protocol,
    string? LeafThumbprint,
    SslPolicyErrors PolicyErrors,
    string Detail)
{
    public string Endpoint => Model.Target.Format(Address.ToString(), Port);

    internal static TlsAttempt From(HandshakeResult h)
    {
        var detail = !h.Connected ? h.Tcp.Detail
            : h.Completed ? $"{(h.Protocol is { } p ? TlsVersions.Name(p) : "TLS")}, {h.CipherSuite}" + (h.Alpn is null ? "" : $", ALPN {h.Alpn}")
            : h.Failure?.Detail ?? "handshake failed";
        if (h.ClientCertificateRequested) detail += "; the server asked for a client certificate (none sent)";
        if (h.PlatformChainStatus.Count > 0) detail += $"; platform validation: {string.Join(", ", h.PlatformChainStatus)}";
        return new TlsAttempt(h.Endpoint.Address, h.Endpoint.Port, h.Tcp.State, h.Tcp.ConnectMs, h.Completed,
            h.Connected ? h.HandshakeMs : null, h.Protocol, h.LeafThumbprint, h.PolicyErrors, detail);
    }
}
