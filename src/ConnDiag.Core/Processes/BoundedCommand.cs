using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ConnDiag.Processes;

/// <summary>What a finished external command printed and returned.</summary>
internal sealed record CommandOutput(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs an external tool (lsof, systemctl) the way every probe must: with a timeout, a cap on what is read
/// from its output, and the process tree killed however the call ends.
/// </summary>
internal static class BoundedCommand
{
    private const int MaxStderrChars = 64 * 1024;

    /// <summary>
    /// Runs <paramref name="file"/>. Throws <see cref="Win32Exception"/> when it cannot be started, and
    /// <see cref="IOException"/> when it exceeds <paramref name="timeout"/> or writes more than <paramref name="maxChars"/>.
    /// </summary>
    public static async Task<CommandOutput> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, int maxChars, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = new Process { StartInfo = start };
        process.Start();
        var name = Path.GetFileName(file);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        // Killing the tool closes its pipes, so the reads below end however the pipe streams treat cancellation.
        using var kill = limit.Token.Register(() => Kill(process));
        try
        {
            var stdout = ReadCappedAsync(process.StandardOutput, maxChars, name, limit.Token);
            var stderr = ReadCappedAsync(process.StandardError, MaxStderrChars, name, limit.Token);
            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            limit.Token.ThrowIfCancellationRequested();
            return new CommandOutput(process.ExitCode, output, errors);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"{name} did not finish within {timeout.TotalSeconds:0} s.");
        }
        finally
        {
            Kill(process);
        }
    }

    /// <summary>The first line of a tool's error output, or a placeholder.</summary>
    public static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length == 0 ? "no error message" : line;
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

    private static async Task<string> ReadCappedAsync(StreamReader reader, int maxChars, string name, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length + n > maxChars) throw new IOException($"{name} wrote more than {maxChars} characters; refusing to read further.");
            text.Append(buffer, 0, n);
        }
        return text.ToString();
    }
}
