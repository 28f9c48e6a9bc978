using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Tcp;

/// <summary>The ICMP message behind a failed connect, read from the socket's error queue.</summary>
/// <param name="Type">ICMP (or ICMPv6) type.</param>
/// <param name="Code">ICMP code.</param>
/// <param name="Offender">Who sent the ICMP message.</param>
/// <param name="IsIPv6">True for ICMPv6.</param>
public sealed record IcmpReport(byte Type, byte Code, IPAddress? Offender, bool IsIPv6)
{
    /// <summary>
    /// Linux turns ICMP "communication administratively prohibited" (type 3 code 13) into EHOSTUNREACH on IPv4;
    /// only the ICMP code tells a firewall reject from a dead host.
    /// </summary>
    public TcpPortState Refine(TcpPortState fromErrno) =>
        (IsIPv6, Type, Code) switch
        {
            (false, 3, 9 or 10 or 13) => TcpPortState.AdminProhibited,
            (true, 1, 1) => TcpPortState.AdminProhibited,
            _ => fromErrno,
        };

    public override string ToString() =>
        $"ICMP{(IsIPv6 ? "v6" : "")} type {Type} code {Code}{(Offender is null ? "" : " from " + Offender)}";
}

/// <summary>Placeholder until the Linux error-queue reader lands: reports nothing, so errno alone decides.</summary>
internal static class LinuxIcmpErrors
{
    public static bool TryEnable(Socket socket) => false;

    public static bool TryRead(Socket socket, out IcmpReport report)
    {
        report = null!;
        return false;
    }
}
