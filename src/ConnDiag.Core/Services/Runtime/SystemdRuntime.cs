using System.ComponentModel;
using System.Diagnostics;
using System.Text;

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
        var start = new ProcessStartInfo("systemctl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "show", unitName, "-p", SystemctlState.Properties, "--no-pager" }) start.ArgumentList.Add(a);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new IOException($"systemctl could not be started: {ex.Message}", ex);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var kill = timeout.Token.Register(() => Kill(process));
        try
        {
            var stdout = ReadCappedAsync(process.StandardOutput, timeout.Token);
            var stderr = ReadCappedAsync(process.StandardError, timeout.Token);
            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            if (process.ExitCode != 0) throw new IOException($"systemctl show failed (exit code {process.ExitCode}): {errors.Trim().Split('\n')[0]}");
            return SystemctlState.Parse(output);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"systemctl show did not finish within {Timeout.TotalSeconds:0} s.");
        }
        finally
        {
            Kill(process);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length + n > MaxOutputChars) throw new IOException($"systemctl wrote more than {MaxOutputChars} characters; refusing to read further.");
            text.Append(buffer, 0, n);
        }
        return text.ToString();
    }
}
