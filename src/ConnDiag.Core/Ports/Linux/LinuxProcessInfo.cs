using System.Globalization;
using System.Text;

namespace ConnDiag.Ports.Linux;

/// <summary>Name, command line and effective uid of a process, from /proc/PID/{comm,cmdline,status}.</summary>
internal sealed record LinuxProcessInfo(string? Name, string? CommandLine, uint? Uid)
{
    public const int MaxCommandLineBytes = 4096;
    private const int CommLength = 15; // TASK_COMM_LEN - 1: the kernel truncates comm to this

    public static LinuxProcessInfo Read(int pid)
    {
        var comm = ProcFile.ReadCapped($"/proc/{pid}/comm", 64);
        var cmdline = ProcFile.ReadCapped($"/proc/{pid}/cmdline", MaxCommandLineBytes);
        var status = ProcFile.ReadCapped($"/proc/{pid}/status", 16 * 1024);
        return new LinuxProcessInfo(
            NameOf(comm is null ? null : Encoding.UTF8.GetString(comm).TrimEnd('\n'), cmdline),
            CommandLineOf(cmdline),
            status is null ? null : EffectiveUidOf(Encoding.UTF8.GetString(status)));
    }

    /// <summary>
    /// comm, or argv[0]'s file name when comm was cut at 15 bytes and argv[0] continues it — the rule .NET's
    /// Process.ProcessName follows, so the name matches what Get-Process shows.
    /// </summary>
    internal static string? NameOf(string? comm, byte[]? cmdline)
    {
        if (string.IsNullOrEmpty(comm)) return null;
        if (comm.Length >= CommLength && cmdline is { Length: > 0 })
        {
            var end = Array.IndexOf(cmdline, (byte)0);
            var argv0 = Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end);
            var name = Path.GetFileName(argv0);
            if (name.StartsWith(comm, StringComparison.Ordinal)) return name;
        }
        return comm;
    }

    /// <summary>argv joined by spaces (cmdline separates them with NULs); null for kernel threads and zombies.</summary>
    internal static string? CommandLineOf(byte[]? cmdline)
    {
        if (cmdline is null || cmdline.Length == 0) return null;
        var text = Encoding.UTF8.GetString(cmdline).Replace('\0', ' ').TrimEnd();
        if (cmdline.Length >= MaxCommandLineBytes) text += "…";
        return text.Length == 0 ? null : text;
    }

    /// <summary>The effective uid: the second number of status's "Uid:" line (real, effective, saved, fs).</summary>
    internal static uint? EffectiveUidOf(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("Uid:", StringComparison.Ordinal)) continue;
            var fields = line[4..].Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 2 && uint.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : null;
        }
        return null;
    }
}
