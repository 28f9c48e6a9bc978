using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ConnDiag.Processes;

/// <summary>What a finished external command wrote and returned.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="StdOut">Everything it wrote to stdout (at most the cap).</param>
/// <param name="StdErr">What it wrote to stderr (capped at 64 KiB).</param>
internal sealed record ProcessOutput(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The first non-empty line of stderr, or "no error message".</summary>
    public string FirstErrorLine
    {
        get
        {
            var line = StdErr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            return line ?? "no error message";
        }
    }
}

/// <summary>The external command could not be started (not installed, not executable).</summary>
internal sealed class CommandNotFoundException(string command, Exception inner)
    : IOException($"{command} could not be started: {inner.Message}", inner)
{
    public string Command { get; } = command;
}

/// <summary>
/// Runs an external tool the engine depends on (lsof, nft, iptables-save) with a hard timeout and a cap on what
/// it may write, killing it (and its children) when either is exceeded: a hung or runaway tool can never hang
/// or exhaust a diagnosis.
/// </summary>
internal static class BoundedProcess
{
    private const int MaxStdErrChars = 64 * 1024;

    /// <exception cref="CommandNotFoundException">The executable could not be started.</exception>
    /// <exception cref="IOException">Timed out or wrote more than <paramref name="maxStdOutChars"/>.</exception>
    public static async Task<ProcessOutput> RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout, int maxStdOutChars,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new CommandNotFoundException(file, ex);
        }
        // Nothing is ever fed to the tool: a closed stdin makes one that would read it stop at once.
        process.StandardInput.Close();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        // Killing the tool closes its pipes, so the reads below end however the pipe streams treat cancellation.
        using var kill = limit.Token.Register(() => Kill(process));
        try
        {
            var stdout = ReadCappedAsync(file, process.StandardOutput, maxStdOutChars, limit.Token);
            var stderr = ReadCappedAsync(file, process.StandardError, MaxStdErrChars, limit.Token);
            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            limit.Token.ThrowIfCancellationRequested();
            return new ProcessOutput(process.ExitCode, output, errors);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"{file} did not finish within {timeout.TotalSeconds:0.#} s."));
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

    private static async Task<string> ReadCappedAsync(string file, StreamReader reader, int maxChars, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length + n > maxChars)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"{file} wrote more than {maxChars} characters; refusing to read further."));
            }
            text.Append(buffer, 0, n);
        }
        return text.ToString();
    }
}
