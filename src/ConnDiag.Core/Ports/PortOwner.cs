using System.Net;

namespace ConnDiag.Ports;

/// <summary>Transport protocol of a socket.</summary>
public enum TransportProtocol { Tcp, Udp }

/// <summary>TCP state of a socket (UDP sockets are <see cref="Listen"/> when unconnected, else Established).</summary>
public enum SocketState
{
    Unknown, Listen, Established, SynSent, SynReceived, FinWait1, FinWait2, TimeWait, Close, CloseWait, LastAck, Closing,
}

/// <summary>Which local addresses a socket is bound to.</summary>
public enum BindScope
{
    /// <summary>127.0.0.0/8 or ::1: reachable from this machine only.</summary>
    Loopback,
    /// <summary>0.0.0.0 or ::: every interface.</summary>
    AllInterfaces,
    /// <summary>One non-loopback interface address.</summary>
    Specific,
}

/// <summary>Which sockets <see cref="PortOwnerFinder"/> returns.</summary>
public enum PortStateFilter { Listen, All }

/// <summary>
/// A socket and the process that owns it. <see cref="Id"/> is the PID under the name Stop-Process binds
/// by property name, so <c>Get-PortOwner 3456 | Stop-Process -WhatIf</c> works.
/// </summary>
/// <param name="Protocol">TCP or UDP.</param>
/// <param name="LocalAddress">Bound local address (0.0.0.0 / :: for all interfaces).</param>
/// <param name="LocalPort">Bound local port.</param>
/// <param name="RemoteAddress">Peer address (0.0.0.0 / :: when not connected).</param>
/// <param name="RemotePort">Peer port (0 when not connected).</param>
/// <param name="State">TCP state.</param>
/// <param name="Id">Owning process id, or null when the owner is not visible (<see cref="OwnerVisible"/>).</param>
/// <param name="ProcessName">Owning process name.</param>
/// <param name="CommandLine">Owning process command line (best effort).</param>
/// <param name="User">User the owning process (or, without a process, the socket) belongs to.</param>
/// <param name="BindScope">Loopback, all interfaces, or one specific address.</param>
/// <param name="OwnerVisible">False when the socket exists but its process cannot be seen without more privilege.</param>
/// <param name="IPv6Only">For IPv6 sockets: true when IPv4 clients cannot reach it; null when unknown or IPv4.</param>
/// <param name="Inode">Socket inode on Linux (0 elsewhere), which ties the socket to a file descriptor.</param>
public sealed record PortOwner(
    TransportProtocol Protocol,
    IPAddress LocalAddress,
    int LocalPort,
    IPAddress RemoteAddress,
    int RemotePort,
    SocketState State,
    int? Id,
    string? ProcessName,
    string? CommandLine,
    string? User,
    BindScope BindScope,
    bool OwnerVisible,
    bool? IPv6Only,
    long Inode)
{
    /// <summary>Classifies a bound address.</summary>
    public static BindScope ScopeOf(IPAddress address) =>
        IPAddress.IsLoopback(address) ? BindScope.Loopback
        : address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? BindScope.AllInterfaces
        : BindScope.Specific;

    /// <summary>True when a connection to <paramref name="target"/> on <see cref="LocalPort"/> could reach this listener.</summary>
    public bool Accepts(IPAddress target)
    {
        var t = target.IsIPv4MappedToIPv6 ? target.MapToIPv4() : target;
        var local = LocalAddress.IsIPv4MappedToIPv6 ? LocalAddress.MapToIPv4() : LocalAddress;
        if (local.Equals(IPAddress.Any)) return t.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        if (local.Equals(IPAddress.IPv6Any))
        {
            return t.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || IPv6Only != true;
        }
        return local.Equals(t);
    }
}
