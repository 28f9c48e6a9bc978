using System.Net.Sockets;

namespace ConnDiag.Ports.Linux;

/// <summary>Where the socket table comes from: netlink with /proc as fallback, or one of them only (tests compare them).</summary>
internal enum SocketTableMode { Auto, NetlinkOnly, ProcOnly }

/// <summary>Reads the TCP/UDP socket tables a query needs, IPv4 and IPv6.</summary>
internal static class LinuxSocketTable
{
    public static List<KernelSocket> Read(PortOwnerQuery query, SocketTableMode mode, CancellationToken cancellationToken)
    {
        var sockets = new List<KernelSocket>();
        NetlinkSockDiag? netlink = null;
        try
        {
            if (mode != SocketTableMode.ProcOnly)
            {
                try
                {
                    netlink = NetlinkSockDiag.Open();
                }
                catch (Exception ex) when (mode == SocketTableMode.Auto && ex is (IOException or DllNotFoundException or EntryPointNotFoundException))
                {
                    // No netlink (seccomp, old kernel, unbindable libc): the /proc tables answer instead, without IPV6_V6ONLY.
                }
            }
            foreach (var protocol in new[] { TransportProtocol.Tcp, TransportProtocol.Udp })
            {
                if (query.Protocol is { } only && only != protocol) continue;
                var mask = KernelStates.MaskFor(protocol, query.State);
                foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
                {
                    if (netlink is not null)
                    {
                        try
                        {
                            sockets.AddRange(netlink.Dump(family, protocol, mask, cancellationToken));
                            continue;
                        }
                        catch (IOException) when (mode == SocketTableMode.Auto)
                        {
                            // e.g. a kernel without udp_diag refuses UDP dumps; after any failure /proc answers
                            // the remaining tables, so one stuck table cannot cost a timeout per table.
                            netlink.Dispose();
                            netlink = null;
                        }
                    }
                    sockets.AddRange(ProcNetTable.Read(protocol, family == AddressFamily.InterNetworkV6, mask, cancellationToken));
                }
            }
        }
        finally
        {
            netlink?.Dispose();
        }
        return sockets;
    }
}
