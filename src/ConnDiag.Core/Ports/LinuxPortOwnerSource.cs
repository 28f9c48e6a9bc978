using System.Net;
using ConnDiag.Ports.Linux;

namespace ConnDiag.Ports;

/// <summary>
/// Linux: the socket table from netlink sock_diag (falling back to /proc/net/{tcp,tcp6,udp,udp6}), then
/// inode → PID through the /proc/PID/fd links, stopping once every wanted socket has an owner.
/// Sockets whose process this user may not inspect come back with <see cref="PortOwner.OwnerVisible"/> false
/// and the socket's uid as <see cref="PortOwner.User"/>; they are never dropped.
/// </summary>
internal sealed class LinuxPortOwnerSource : IPortOwnerSource
{
    private readonly SocketTableMode _mode;
    private readonly Func<IEnumerable<int>> _pids;

    public LinuxPortOwnerSource() : this(SocketTableMode.Auto) { }

    /// <param name="mode">Socket table source (tests compare netlink with /proc).</param>
    /// <param name="pids">Processes to inspect, in order (all of /proc by default; tests narrow it).</param>
    internal LinuxPortOwnerSource(SocketTableMode mode, Func<IEnumerable<int>>? pids = null)
    {
        _mode = mode;
        _pids = pids ?? InodeOwnerScanner.AllPids;
    }

    public Task<IReadOnlyList<PortOwner>> GetOwnersAsync(PortOwnerQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Blocking syscalls and /proc reads, a few milliseconds in all: one pool thread, not async I/O.
        return Task.Run(() => GetOwners(query, cancellationToken), cancellationToken);
    }

    private IReadOnlyList<PortOwner> GetOwners(PortOwnerQuery query, CancellationToken cancellationToken)
    {
        var sockets = LinuxSocketTable.Read(query, _mode, cancellationToken)
            // Port 0 is a socket that was created but never bound: it owns no port.
            .Where(s => s.LocalPort != 0 && query.MatchesPort(s.LocalPort, s.RemotePort))
            .ToList();
        var wanted = sockets.Where(s => s.Inode != 0).Select(s => s.Inode).ToHashSet();
        var owners = InodeOwnerScanner.Scan(wanted, _pids(), cancellationToken).PidByInode;

        var processes = new Dictionary<int, LinuxProcessInfo>();
        var result = new List<PortOwner>(sockets.Count);
        foreach (var s in sockets)
        {
            int? pid = owners.TryGetValue(s.Inode, out var p) ? p : null;
            LinuxProcessInfo? process = null;
            if (pid is { } id && !processes.TryGetValue(id, out process))
            {
                process = LinuxProcessInfo.Read(id);
                processes[id] = process;
            }
            result.Add(ToOwner(s, pid, process));
        }
        return result;
    }

    internal static PortOwner ToOwner(KernelSocket s, int? pid, LinuxProcessInfo? process)
    {
        var local = Normalise(s.LocalAddress);
        var remote = Normalise(s.RemoteAddress);
        return new PortOwner(
            s.Protocol,
            local,
            s.LocalPort,
            remote,
            s.RemotePort,
            KernelStates.ToSocketState(s.Protocol, s.KernelState),
            pid,
            process?.Name,
            process?.CommandLine,
            PasswdUsers.NameOf(process?.Uid ?? s.Uid),
            PortOwner.ScopeOf(local),
            // Inode 0 (TIME_WAIT, orphaned FIN_WAIT) has no owner at all: nothing is hidden, so it counts as visible.
            OwnerVisible: pid is not null || s.Inode == 0,
            IPv6Only: local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? s.V6Only : null,
            s.Inode);
    }

    /// <summary>A dual-stack socket talking IPv4 shows ::ffff:a.b.c.d; report the IPv4 address the user knows.</summary>
    private static IPAddress Normalise(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
