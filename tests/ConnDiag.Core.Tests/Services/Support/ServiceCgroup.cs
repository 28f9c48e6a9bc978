using System.Globalization;

namespace ConnDiag.Core.Tests.Services.Support;

/// <summary>
/// A real cgroup named like a systemd service (<c>conndiag-test-N.slice/NAME.service</c>) on this machine's cgroup v2
/// mount, so a process moved into it shows <c>0::/conndiag-test-N.slice/NAME.service</c> in /proc/PID/cgroup exactly
/// as under systemd. Needs root. Dispose moves the processes back to the root cgroup and removes the directories.
/// </summary>
internal sealed class ServiceCgroup : IDisposable
{
    private readonly string _mount;
    private readonly string _slice;
    private readonly List<int> _pids = [];

    public ServiceCgroup(string unitName)
    {
        _mount = FindMount() ?? throw new InvalidOperationException("no cgroup2 file system is mounted (/proc/self/mounts)");
        UnitName = unitName;
        _slice = Path.Combine(_mount, $"conndiag-test-{Guid.NewGuid().ToString("N")[..8]}.slice");
        Directory.CreateDirectory(Path.Combine(_slice, unitName));
    }

    public string UnitName { get; }

    /// <summary>Moves <paramref name="pid"/> into the service cgroup.</summary>
    public void Add(int pid)
    {
        File.WriteAllText(Path.Combine(_slice, UnitName, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
        _pids.Add(pid);
    }

    /// <summary>The cgroup2 mount point (/sys/fs/cgroup on pure v2, /sys/fs/cgroup/unified on hybrid systems).</summary>
    public static string? FindMount() =>
        File.ReadLines("/proc/self/mounts").Select(l => l.Split(' ')).FirstOrDefault(f => f.Length > 2 && f[2] == "cgroup2")?[1];

    public void Dispose()
    {
        foreach (var pid in _pids)
        {
            try
            {
                File.WriteAllText(Path.Combine(_mount, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The process already exited: nothing to move.
            }
        }
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                if (Directory.Exists(Path.Combine(_slice, UnitName))) Directory.Delete(Path.Combine(_slice, UnitName));
                if (Directory.Exists(_slice)) Directory.Delete(_slice);
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
        }
    }
}
