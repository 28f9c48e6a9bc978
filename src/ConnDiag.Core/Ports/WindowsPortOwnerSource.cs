using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.Versioning;
using ConnDiag.Ports.Windows;

namespace ConnDiag.Ports;

/// <summary>
/// Windows: the IP Helper owner-PID tables (what <c>netstat -ano</c> reads) and the process name from
/// <see cref="Process"/>. Windows reports UDP sockets without a connected/unconnected state, so every UDP
/// socket counts as listening, and it does not expose IPV6_V6ONLY, command lines or users cheaply (those stay null).
/// UNTESTED HERE: written on Linux from the documented struct layouts; only the row decoding is unit-tested.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsPortOwnerSource : IPortOwnerSource
{
    public Task<IReadOnlyList<PortOwner>> GetOwnersAsync(PortOwnerQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.Run(() => GetOwners(query, cancellationToken), cancellationToken);
    }

    private static IReadOnlyList<PortOwner> GetOwners(PortOwnerQuery query, CancellationToken cancellationToken)
    {
        var names = new Dictionary<int, string?>();
        var result = new List<PortOwner>();
        foreach (var protocol in new[] { TransportProtocol.Tcp, TransportProtocol.Udp })
        {
            if (query.Protocol is { } only && only != protocol) continue;
            foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var row in IpHelperTables.Read(protocol, family))
                {
                    if (query.State == PortStateFilter.Listen && row.State != SocketState.Listen) continue;
                    if (row.LocalPort == 0 || !query.MatchesPort(row.LocalPort, row.RemotePort)) continue;
                    // PID 0 is the idle process: TIME_WAIT rows have no owner at all.
                    int? pid = row.Pid == 0 ? null : row.Pid;
                    if (pid is { } id && !names.ContainsKey(id)) names[id] = ProcessName(id);
                    result.Add(new PortOwner(row.Protocol, row.LocalAddress, row.LocalPort, row.RemoteAddress, row.RemotePort, row.State,
                        pid, pid is { } p ? names[p] : null, null, null, PortOwner.ScopeOf(row.LocalAddress),
                        OwnerVisible: true, IPv6Only: null, Inode: 0));
                }
            }
        }
        return result;
    }

    private static string? ProcessName(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.ProcessName;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Exited since the table was read, or protected: the PID is still right.
            return null;
        }
    }
}
