using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;

namespace ConnDiag.Core.Tests.Fixtures;

/// <summary>
/// A network namespace joined to this host by a veth pair (research/feasibility.md §4):
/// host side 198.18.N.1 / fd00:198:18:N::1, namespace side 198.18.N.2 / fd00:198:18:N::2.
/// Tests connect from the host (their own process) to addresses inside it, where nftables rules and
/// listeners started in the namespace produce real drops, resets and ICMP errors.
/// </summary>
/// <remarks>
/// N is a slot held through a lock file for the fixture's life, so parallel test classes and concurrent test
/// runs never share a subnet or a name, and names left behind by a killed run are reclaimed by the next
/// holder of the slot. Dispose kills the listeners by PID, then deletes the host veth and the namespace;
/// it also runs at process exit for fixtures a crashed test never disposed.
/// </remarks>
public sealed class NetNamespace : IDisposable
{
    // Kept away from the low numbers other fixtures and the feasibility notes use.
    private const int FirstSlot = 160;
    private const int LastSlot = 249;
    private static readonly string LockDirectory = Path.Combine(Path.GetTempPath(), "conndiag-netns");
    private static readonly ConcurrentDictionary<NetNamespace, byte> Live = new();

    static NetNamespace()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var ns in Live.Keys) ns.Dispose();
        };
    }

    private readonly FileStream _slotLock;
    private readonly List<ChildProcess> _children = [];
    private readonly object _gate = new();
    private bool _disposed;

    /// <summary>The subnet number N in 198.18.N.0/24.</summary>
    public int Slot { get; }

    /// <summary>Namespace name, as `ip netns` knows it.</summary>
    public string Name { get; }

    /// <summary>The veth end on this host (interface names are at most 15 characters).</summary>
    public string HostInterface => Name + "h";

    /// <summary>The veth end inside the namespace.</summary>
    public string InnerInterface => Name + "n";

    public IPAddress HostV4 => V4(1);
    public IPAddress InnerV4 => V4(2);
    public IPAddress HostV6 => V6(1);
    public IPAddress InnerV6 => V6(2);

    /// <summary>198.18.N.<paramref name="host"/>.</summary>
    public IPAddress V4(int host) => IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"198.18.{Slot}.{host}"));

    /// <summary>fd00:198:18:N::<paramref name="host"/> (hex digits as written, e.g. 99 → ::99).</summary>
    public IPAddress V6(int host) => IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"fd00:198:18:{Slot}::{host}"));

    /// <summary>An address behind the namespace once <see cref="RouteThrough"/> ran: 198.19.N.<paramref name="host"/>.</summary>
    public IPAddress RoutedV4(int host) => IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"198.19.{Slot}.{host}"));

    /// <summary>fd00:198:19:N::<paramref name="suffix"/> (suffix in IPv6 text form, e.g. "5" or "8000::5").</summary>
    public IPAddress RoutedV6(string suffix) => IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"fd00:198:19:{Slot}:{(suffix.Contains("::") ? suffix : ":" + suffix)}"));

    private NetNamespace(int slot, FileStream slotLock)
    {
        Slot = slot;
        _slotLock = slotLock;
        Name = string.Create(CultureInfo.InvariantCulture, $"cdt{slot}");
    }

    /// <summary>Creates the namespace and the veth pair, addressed and up. Throws with the failing command's stderr.</summary>
    public static NetNamespace Create()
    {
        _ = Reclaimed.Value;
        var (slot, slotLock) = TakeSlot();
        var ns = new NetNamespace(slot, slotLock);
        Live.TryAdd(ns, 0);
        try
        {
            ns.Setup();
            return ns;
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    private void Setup()
    {
        // We hold the slot, so anything by these names is left over from a run that was killed.
        RemoveLeftovers();
        Ip("netns", "add", Name);
        Ip("link", "add", HostInterface, "type", "veth", "peer", "name", InnerInterface);
        Ip("link", "set", InnerInterface, "netns", Name);
        Ip("addr", "add", $"{HostV4}/24", "dev", HostInterface);
        Ip("-6", "addr", "add", $"{HostV6}/64", "dev", HostInterface, "nodad");
        // One neighbour solicitation 200 ms apart instead of three 1 s apart: an address nobody owns on the link
        // fails in ~0.2 s (EHOSTUNREACH) instead of ~3 s. These are the settings of our own interface only.
        foreach (var family in new[] { "ipv4", "ipv6" })
        {
            File.WriteAllText($"/proc/sys/net/{family}/neigh/{HostInterface}/mcast_solicit", "1");
            File.WriteAllText($"/proc/sys/net/{family}/neigh/{HostInterface}/retrans_time_ms", "200");
        }
        Ip("link", "set", HostInterface, "up");
        Exec("ip", "link", "set", "lo", "up");
        Exec("ip", "addr", "add", $"{InnerV4}/24", "dev", InnerInterface);
        Exec("ip", "-6", "addr", "add", $"{InnerV6}/64", "dev", InnerInterface, "nodad");
        Exec("ip", "link", "set", InnerInterface, "up");
    }

    /// <summary>Runs a command inside the namespace (`ip netns exec NAME ...`).</summary>
    public ProcessResult Exec(params string[] command) =>
        ProcessRunner.Run("ip", ["netns", "exec", Name, .. command]);

    /// <summary>Adds another address to the namespace side (in the veth subnet: /24, or /64 for IPv6).</summary>
    public void AddInnerAddress(IPAddress address)
    {
        var v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (v6) Exec("ip", "-6", "addr", "add", $"{address}/64", "dev", InnerInterface, "nodad");
        else Exec("ip", "addr", "add", $"{address}/24", "dev", InnerInterface);
    }

    /// <summary>Loads an nftables ruleset inside the namespace (the host's ruleset is never touched).</summary>
    public void ApplyRules(string ruleset) => ProcessRunner.Run("ip", ["netns", "exec", Name, "nft", "-f", "-"], stdin: ruleset);

    /// <summary>
    /// Makes the namespace a router for 198.19.N.0/24 and fd00:198:19:N::/64: the host routes them through it,
    /// and it forwards. With no route of its own for them it answers with ICMP net unreachable, like a real
    /// router would. The host routes name our veth, so they vanish with it.
    /// </summary>
    public void RouteThrough()
    {
        Exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
        Ip("route", "add", $"198.19.{Slot}.0/24", "via", InnerV4.ToString(), "dev", HostInterface);
        Ip("-6", "route", "add", $"fd00:198:19:{Slot}::/64", "via", InnerV6.ToString(), "dev", HostInterface);
    }

    /// <summary>
    /// Starts a TCP listener inside the namespace on every address, IPv4 and IPv6, that greets and closes each
    /// connection. Returns once it is listening; killed by PID on Dispose.
    /// </summary>
    public ChildProcess StartListener(int port, int? backlog = null)
    {
        var address = string.Create(CultureInfo.InvariantCulture, $"TCP6-LISTEN:{port},ipv6only=0,reuseaddr,fork{(backlog is { } b ? $",backlog={b}" : "")}");
        var child = ChildProcess.Start("ip", ["netns", "exec", Name, "socat", "-d", "-d", address, "SYSTEM:echo hi"], "listening on");
        lock (_gate)
        {
            if (_disposed)
            {
                child.Dispose();
                throw new ObjectDisposedException(nameof(NetNamespace));
            }
            _children.Add(child);
        }
        return child;
    }

    public void Dispose()
    {
        List<ChildProcess> children;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            children = [.. _children];
            _children.Clear();
        }
        // Processes inside keep the namespace alive: they go first.
        foreach (var c in children) c.Dispose();
        RemoveLeftovers();
        Live.TryRemove(this, out _);
        _slotLock.Dispose();
    }

    private void RemoveLeftovers() => RemoveLeftovers(Name);

    private static void RemoveLeftovers(string name)
    {
        // The host end first: `ip netns del` removes it only asynchronously.
        if (Directory.Exists($"/sys/class/net/{name}h")) ProcessRunner.TryRun("ip", "link", "del", name + "h");
        if (!File.Exists($"/run/netns/{name}")) return;
        // Listeners of a killed test run outlive it and would keep the namespace alive: stop them by PID.
        foreach (var pid in (ProcessRunner.TryRun("ip", "netns", "pids", name)?.StdOut ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ProcessRunner.TryRun("kill", "-KILL", pid);
        }
        ProcessRunner.TryRun("ip", "netns", "del", name);
    }

    // Once per test process: namespaces of runs that died without cleaning up (their slot lock is free again).
    private static readonly Lazy<bool> Reclaimed = new(() =>
    {
        Directory.CreateDirectory(LockDirectory);
        for (var slot = FirstSlot; slot <= LastSlot; slot++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"cdt{slot}");
            if (!File.Exists($"/run/netns/{name}") && !Directory.Exists($"/sys/class/net/{name}h")) continue;
            try
            {
                using var held = new FileStream(Path.Combine(LockDirectory, $"slot-{slot}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                RemoveLeftovers(name);
            }
            catch (IOException)
            {
                // A live fixture holds it.
            }
        }
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static void Ip(params string[] args) => ProcessRunner.Run("ip", args);

    private static (int Slot, FileStream Lock) TakeSlot()
    {
        Directory.CreateDirectory(LockDirectory);
        var used = HostAddresses();
        // Start at a point that depends on the process, so two runs rarely probe the same slots first.
        var count = LastSlot - FirstSlot + 1;
        var start = Environment.ProcessId % count;
        for (var i = 0; i < count; i++)
        {
            var slot = FirstSlot + (start + i) % count;
            if (used.Any(a => a.StartsWith($"198.18.{slot}.", StringComparison.Ordinal) || a.StartsWith($"198.19.{slot}.", StringComparison.Ordinal))) continue;
            try
            {
                // FileShare.None takes an exclusive flock on Linux: held until disposed, released if the process dies.
                var stream = new FileStream(Path.Combine(LockDirectory, $"slot-{slot}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return (slot, stream);
            }
            catch (IOException)
            {
                // Another fixture (in this or another process) holds it.
            }
        }
        throw new InvalidOperationException($"no free namespace slot in 198.18.{FirstSlot}-{LastSlot}.0/24 (locks under {LockDirectory})");
    }

    private static List<string> HostAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address.ToString())
            .ToList();
}
