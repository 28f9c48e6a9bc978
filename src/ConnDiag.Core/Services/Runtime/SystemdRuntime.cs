using ConnDiag.Processes;

namespace ConnDiag.Services.Runtime;

/// <summary>Whether systemd manages this machine, and <c>systemctl show</c> when it does.</summary>
public static class SystemdRuntime
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    internal const int MaxOutputChars = 64 * 1024;

    /// <summary>The name of PID 1 (<c>systemd</c> when systemd runs; <c>init</c>, <c>tini</c>... in containers).</summary>
    public static string InitName()
    {
        try
        {
            var comm = File.ReadAllText("/proc/1/comm").Trim();
            return comm.Length == 0 ? "unknown" : comm;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unknown (/proc/1/comm unreadable)";
        }
    }

    /// <summary>True when /run/systemd/system exists, the test sd_booted(3) uses.</summary>
    public static bool IsBooted() => Directory.Exists("/run/systemd/system");

    /// <summary>Runs <c>systemctl show</c> for the unit with a timeout and an output cap.</summary>
    public static async Task<SystemctlState> ShowAsync(string unitName, CancellationToken cancellationToken)
    {
        // A missing systemctl is CommandNotFoundException, an IOException like the other failures here.
        var run = await BoundedProcess.RunAsync("systemctl", ["show", unitName, "-p", SystemctlState.Properties, "--no-pager"], Timeout, MaxOutputChars, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0) throw new IOException($"systemctl show failed (exit code {run.ExitCode}): {run.FirstErrorLine}");
        return SystemctlState.Parse(run.StdOut);
    }
}
