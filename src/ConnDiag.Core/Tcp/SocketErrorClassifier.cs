using System.Net.Sockets;

namespace ConnDiag.Tcp;

/// <summary>Maps a failed connect's socket error to a port state, as nmap's handleConnectResult does.</summary>
public static class SocketErrorClassifier
{
    public static TcpPortState Classify(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => TcpPortState.Closed,
        SocketError.TimedOut => TcpPortState.Filtered,
        SocketError.HostUnreachable or SocketError.HostDown => TcpPortState.HostUnreachable,
        SocketError.NetworkUnreachable or SocketError.NetworkDown => TcpPortState.NetworkUnreachable,
        // Linux reports ICMPv6 "administratively prohibited" and `prohibit` routes as EACCES.
        SocketError.AccessDenied => TcpPortState.AdminProhibited,
        _ => TcpPortState.Error,
    };

    public static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused (RST or ICMP port unreachable)",
        SocketError.TimedOut => "the kernel gave up waiting for an answer",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.HostDown => "host down",
        SocketError.NetworkUnreachable => "network unreachable (no route)",
        SocketError.NetworkDown => "network down",
        SocketError.AccessDenied => "access denied (ICMP administratively prohibited, or a prohibit route)",
        SocketError.AddressNotAvailable => "no local address/port available (ephemeral ports exhausted?)",
        SocketError.TooManyOpenSockets => "too many open files: lower -ThrottleLimit or raise the file-descriptor limit",
        SocketError.InvalidArgument => "invalid argument (a blackhole route drops this destination)",
        _ => error.ToString(),
    };
}
