using System.Net.Sockets;

namespace ConnDiag.Dns.Transport;

/// <summary>Socket errors as attempt outcomes, in words a reader of the attempt list understands.</summary>
internal static class SocketErrors
{
    public static (DnsAttemptOutcome Outcome, string Error) Classify(SocketException ex, DnsTransport transport) => ex.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => (DnsAttemptOutcome.ConnectionRefused, transport == DnsTransport.Udp
            ? "connection refused (ICMP port unreachable: nothing listens on that UDP port)"
            : "connection refused (nothing listens on that TCP port, or a firewall rejects it)"),
        SocketError.ConnectionReset => (DnsAttemptOutcome.NetworkError, "the connection was reset"),
        SocketError.HostUnreachable => (DnsAttemptOutcome.NetworkError, "host unreachable"),
        SocketError.NetworkUnreachable => (DnsAttemptOutcome.NetworkError, "network unreachable (no route)"),
        SocketError.AccessDenied => (DnsAttemptOutcome.NetworkError, "permission denied (a local firewall rule or policy)"),
        _ => (DnsAttemptOutcome.NetworkError, $"{ex.SocketErrorCode}: {ex.Message}"),
    };
}
