using System.Globalization;
using System.Text;

namespace ConnDiag.Services.Lookup;

/// <summary>
/// Which systemd service a process belongs to, from <c>/proc/PID/cgroup</c>: systemd puts each service's
/// processes in a cgroup named after the unit (<c>0::/system.slice/ccr.service</c> on cgroup v2,
/// <c>1:name=systemd:/system.slice/ccr.service</c> on v1/hybrid). The deepest <c>*.service</c> path component is
/// the unit; the unified (v2) line wins over the named v1 hierarchy when both name one.
/// </summary>
public static class CgroupUnit
{
    private const int MaxBytes = 64 * 1024;

    /// <summary>The service unit in a cgroup file's text, or null when the process is in none.</summary>
    public static string? ServiceOf(string cgroupText)
    {
        ArgumentNullException.ThrowIfNull(cgroupText);
        string? unified = null, named = null;
        foreach (var line in cgroupText.Split('\n'))
        {
            // hierarchy-ID:controller-list:cgroup-path; the path itself may contain ':'.
            var first = line.IndexOf(':');
            var second = first < 0 ? -1 : line.IndexOf(':', first + 1);
            if (second < 0) continue;
            var controllers = line[(first + 1)..second];
            var service = DeepestService(line[(second + 1)..].TrimEnd('\r'));
            if (service is null) continue;
            if (line[..first] == "0" && controllers.Length == 0) unified ??= service;
            else if (controllers == "name=systemd") named ??= service;
        }
        return unified ?? named;
    }

    /// <summary>The unit of process <paramref name="pid"/> from /proc; null when it is in none or is gone.</summary>
    public static string? ServiceOfProcess(int pid) => ReadCgroup(pid) is { } text ? ServiceOf(text) : null;

    /// <summary>The text of /proc/PID/cgroup (capped), or null when the process is gone or hidden.</summary>
    public static string? ReadCgroup(int pid)
    {
        try
        {
            using var stream = new FileStream($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cgroup", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0);
            var buffer = new byte[MaxBytes];
            var total = 0;
            int n;
            while (total < MaxBytes && (n = stream.Read(buffer, total, MaxBytes - total)) > 0) total += n;
            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? DeepestService(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            if (parts[i].EndsWith(".service", StringComparison.Ordinal) && parts[i].Length > ".service".Length) return parts[i];
        }
        return null;
    }
}
