using System.Globalization;

namespace ConnDiag.Services.Lookup;

/// <summary>
/// The processes in a service's cgroup, found without systemd by reading every <c>/proc/PID/cgroup</c>:
/// this is how the unit's listening sockets are told from another program's on the same port.
/// </summary>
public static class UnitProcesses
{
    /// <summary>Most /proc entries looked at (the default pid_max is 4194304; real machines run far fewer).</summary>
    public const int MaxProcesses = 65536;

    public static IReadOnlyList<int> Find(string unitName)
    {
        var pids = new List<int>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories("/proc");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return pids;
        }
        foreach (var dir in entries.Take(MaxProcesses))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (string.Equals(CgroupUnit.ServiceOfProcess(pid), unitName, StringComparison.Ordinal)) pids.Add(pid);
        }
        return pids;
    }
}
