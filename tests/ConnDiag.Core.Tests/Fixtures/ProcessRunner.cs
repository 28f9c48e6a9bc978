using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ConnDiag.Core.Tests.Fixtures;

/// <summary>What a finished command printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);

/// <summary>
/// Runs fixture commands (ip, nft, ...) with a hard timeout. A failure throws with the command line and its
/// stderr in the message, so a broken fixture says why instead of failing later with a confusing assertion.
/// </summary>
internal static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static ProcessResult Run(string file, IReadOnlyList<string> args, string? stdin = null, TimeSpan? timeout = null, bool check = true)
    {
        var limit = timeout ?? DefaultTimeout;
        var line = Describe(file, args);
        var psi = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"`{line}` could not be started");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            try
            {
                p.StandardInput.Write(stdin);
                p.StandardInput.Close();
            }
            catch (IOException)
            {
                // The command exited before reading its input; its exit code and stderr say why.
            }
        }

        if (!p.WaitForExit(limit))
        {
            Kill(p);
            throw new TimeoutException($"`{line}` did not finish within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; stderr: {Collected(stderr)}");
        }
        // A grandchild that inherited the pipes could keep them open: bound the wait for the output too.
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
        var result = new ProcessResult(p.ExitCode, Collected(stdout), Collected(stderr));
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{line}` exited with {result.ExitCode}: {result.StdErr.Trim()}");
        }
        return result;
    }

    /// <summary>Runs and ignores failure (cleanup paths): returns the result, or null when it could not run at all.</summary>
    public static ProcessResult? TryRun(string file, params string[] args)
    {
        try
        {
            return Run(file, args, check: false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public static string Describe(string file, IEnumerable<string> args) =>
        string.Join(' ', new[] { file }.Concat(args).Select(a => a.Contains(' ') ? $"'{a}'" : a));

    internal static void Kill(Process p)
    {
        try
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already exited (or gone while its children were listed).
        }
    }

    private static string Collected(Task<string> output) => output.IsCompletedSuccessfully ? output.Result : "(output not available)";
}

/// <summary>
/// A long-running child (a listener) that is ready once a marker line appears on its output. Its output is
/// drained all the time (a full pipe would block it) and kept, capped, for error messages.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int MaxKeptChars = 16_000;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _marker;

    public int Id { get; }
    public string CommandLine { get; }

    private ChildProcess(Process process, string marker, string commandLine)
    {
        _process = process;
        _marker = marker;
        CommandLine = commandLine;
        Id = process.Id;
    }

    /// <summary>Starts the command and waits (bounded) for <paramref name="readyMarker"/> on stdout or stderr.</summary>
    public static ChildProcess Start(string file, IReadOnlyList<string> args, string readyMarker, TimeSpan? timeout = null)
    {
        var line = ProcessRunner.Describe(file, args);
        var psi = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        if (!process.Start()) throw new InvalidOperationException($"`{line}` could not be started");
        var child = new ChildProcess(process, readyMarker, line);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => child._ready.TrySetException(
            new InvalidOperationException($"`{line}` exited before it was ready: {child.Output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var limit = timeout ?? TimeSpan.FromSeconds(10);
        try
        {
            if (!child._ready.Task.Wait(limit))
            {
                throw new TimeoutException($"`{line}` did not print '{readyMarker}' within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: {child.Output}");
            }
        }
        catch (Exception ex)
        {
            child.Dispose();
            throw ex is AggregateException { InnerException: { } inner } ? inner : ex;
        }
        return child;
    }

    /// <summary>Everything the child printed so far (capped).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString().Trim();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < MaxKeptChars) _output.AppendLine(line);
        }
        if (line.Contains(_marker, StringComparison.Ordinal)) _ready.TrySetResult();
    }

    public void Dispose()
    {
        ProcessRunner.Kill(_process);
        _process.Dispose();
    }
}
