using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ConnDiag.Core.Tests.Ports;

/// <summary>`python3 -m http.server --bind ADDRESS PORT` as a real child process; killed by PID on dispose.</summary>
internal sealed class PythonHttpServer : IAsyncDisposable
{
    private readonly Process _process;

    private PythonHttpServer(Process process, IPAddress address, int port)
    {
        _process = process;
        Address = address;
        Port = port;
    }

    public IPAddress Address { get; }
    public int Port { get; }
    public int Pid => _process.Id;

    public static async Task<PythonHttpServer> StartAsync(IPAddress address)
    {
        var port = TestSockets.FreePort(address);
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in new[] { "-m", "http.server", "--bind", address.ToString(), port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var server = new PythonHttpServer(process, address, port);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await TestSockets.WaitUntilListeningAsync(new IPEndPoint(address, port), TimeSpan.FromSeconds(15), () => !process.HasExited);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
