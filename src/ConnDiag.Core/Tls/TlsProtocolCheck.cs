namespace ConnDiag.Tls;

/// <summary>Whether the server completes a handshake restricted to one TLS version.</summary>
/// <param name="Version">The only version the client offered.</param>
/// <param name="Accepted">True when the handshake completed with that version.</param>
/// <param name="Detail">The cipher suite negotiated, or why it failed (the alert).</param>
public sealed record TlsProtocolCheck(TlsVersion Version, bool Accepted, string Detail);
