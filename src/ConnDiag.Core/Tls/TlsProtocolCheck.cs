namespace ConnDiag.Tls;

/// <summary>
/// Whether the server accepts one TLS version: proved by the main handshake, or by the server's answer to a
/// ClientHello that offers only that version (a ServerHello choosing it, or an alert).
/// </summary>
/// <param name="Version">The version checked.</param>
/// <param name="Accepted">True when the server chose that version.</param>
/// <param name="Detail">The cipher suite the server chose, or why it refused (the alert).</param>
public sealed record TlsProtocolCheck(TlsVersion Version, bool Accepted, string Detail);
