using System.Net;

namespace ConnDiag.Ports.Linux;

/// <summary>One row of the kernel's socket table, before the owner is known.</summary>
/// <param name="Protocol">TCP or UDP.</param>
/// <param name="LocalAddress">Bound address as the kernel reports it (may be IPv4-mapped).</param>
/// <param name="LocalPort">Bound port.</param>
/// <param name="RemoteAddress">Peer address (any when unconnected).</param>
/// <param name="RemotePort">Peer port (0 when unconnected).</param>
/// <param name="KernelState">The kernel's TCP state number (include/net/tcp_states.h); UDP uses 7 and 1.</param>
/// <param name="Uid">Uid of the socket (its creator).</param>
/// <param name="Inode">Socket inode; 0 for sockets no file descriptor refers to (TIME_WAIT, orphans).</param>
/// <param name="V6Only">IPV6_V6ONLY for IPv6 sockets when the source reports it.</param>
internal readonly record struct KernelSocket(
    TransportProtocol Protocol,
    IPAddress LocalAddress,
    int LocalPort,
    IPAddress RemoteAddress,
    int RemotePort,
    int KernelState,
    uint Uid,
    long Inode,
    bool? V6Only);
