namespace ConnDiag.Dns.Transport;

/// <summary>What one attempt (one query sent over one transport) came to.</summary>
public enum DnsAttemptOutcome
{
    /// <summary>A matching, well-formed, complete response arrived (whatever its response code).</summary>
    Answered,

    /// <summary>A matching response arrived with TC=1: it is incomplete and should be asked again over TCP.</summary>
    Truncated,

    /// <summary>No matching response within the timeout.</summary>
    Timeout,

    /// <summary>The server's port refused: TCP RST, or ICMP port unreachable for UDP.</summary>
    ConnectionRefused,

    /// <summary>Another network failure: unreachable network or host, connection reset or closed early.</summary>
    NetworkError,

    /// <summary>The TLS handshake with a DoH server failed (untrusted certificate, name mismatch, protocol).</summary>
    TlsError,

    /// <summary>A DoH server answered with an HTTP status other than 200, or a body that is not a DNS message.</summary>
    HttpError,

    /// <summary>The server's response broke the DNS wire format (or exceeded the size cap).</summary>
    Malformed,
}
