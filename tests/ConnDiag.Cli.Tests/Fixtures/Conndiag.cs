using System.Diagnostics;
using System.Text;

namespace ConnDiag.Cli.Tests.Fixtures;

/// <summary>What a finished `conndiag` run left behind.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the built conndiag.dll as a child process through the dotnet host, exactly as a user would
/// (the project reference copies it next to the test assembly). Every run is bounded by a timeout and
/// the process tree is killed if it overruns.
/// </summary>
public static class Conndiag
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "conndiag.dll");
            if (!File.Exists(path)) throw new FileNotFoundException($"conndiag.dll is not next to the tests ({path}); is the ConnDiag.Cli project reference missing?");
            return path;
        }
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    public static async Task<CliRun> RunAsync(IReadOnlyList<string> args, string? stdin, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null, IReadOnlyList<string>? launcher = null)
    {
        using var running = Start(args, environment, launcher);
        if (stdin is not null) await running.Process.StandardInput.WriteAsync(stdin);
        running.Process.StandardInput.Close();
        return await running.WaitAsync(timeout ?? DefaultTimeout);
    }

    /// <param name="args">The command line after the program name.</param>
    /// <param name="environment">Variables to set in the child, or to remove when the value is null.</param>
    /// <param name="launcher">A command that runs the dotnet host, e.g. `ip netns exec NAME` to run conndiag inside a namespace.</param>
    public static RunningCli Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null,
        IReadOnlyList<string>? launcher = null)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var psi = new ProcessStartInfo(launcher is { Count: > 0 } ? launcher[0] : host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (launcher is { Count: > 0 })
        {
            foreach (var word in launcher.Skip(1)) psi.ArgumentList.Add(word);
            psi.ArgumentList.Add(host);
        }
        psi.ArgumentList.Add(DllPath);
        foreach (var a in args) psi.ArgumentList.Add(a);
        // conndiag targets net8.0 and this machine may have only a newer runtime.
        psi.Environment["DOTNET_ROLL_FORWARD"] = "Major";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment.Remove("CONNDIAG_DEBUG");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) psi.Environment.Remove(name);
            else psi.Environment[name] = value;
        }
        return new RunningCli(Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start"));
    }
}

/// <summary>A conndiag process still running: its output is collected as it arrives.</summary>
public sealed class RunningCli : IDisposable
{
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _readOut;
    private readonly Task _readErr;

    public RunningCli(Process process)
    {
        Process = process;
        _readOut = PumpAsync(process.StandardOutput, _stdout);
        _readErr = PumpAsync(process.StandardError, _stderr);
    }

    public Process Process { get; }

    public string StdoutSoFar
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    /// <summary>Polls (bounded) until stdout satisfies <paramref name="ready"/>; fails with the output so far if it never does.</summary>
    public async Task WaitForStdoutAsync(Func<string, bool> ready, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (!ready(StdoutSoFar))
        {
            if (Process.HasExited || sw.Elapsed > timeout)
            {
                string err;
                lock (_stderr) err = _stderr.ToString();
                throw new Xunit.Sdk.XunitException($"conndiag never printed what the test waits for (exited: {Process.HasExited}).\nstdout: {StdoutSoFar}\nstderr: {err}");
            }
            await Task.Delay(50);
        }
    }

    public async Task<CliRun> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
            await Task.WhenAll(_readOut, _readErr);
            throw new Xunit.Sdk.XunitException($"conndiag did not finish within {timeout.TotalSeconds} s and was killed.\n{Result()}");
        }
        await Task.WhenAll(_readOut, _readErr);
        return Result();
    }

    private CliRun Result()
    {
        lock (_stdout) lock (_stderr) return new CliRun(Process.ExitCode, _stdout.ToString(), _stderr.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into) into.Append(buffer, 0, n);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        Process.Dispose();
    }
}
