using System.Diagnostics;
using System.Globalization;
using System.Net;
using ConnDiag.Core.Tests.Ports;

namespace ConnDiag.Core.Tests.Clock.Support;

/// <summary>
/// `python3 -m http.server` with its clock shifted by libfaketime: its Date header comes from its own
/// (faked) clock, as a real server's on a skewed machine would. Stopped by PID (the preload keeps it the server's).
/// </summary>
internal sealed class FakeTimePythonServer : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private FakeTimePythonServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri Uri => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public static async Task<FakeTimePythonServer> StartAsync(TimeSpan clockOffset)
    {
        // An empty directory to serve: the test reads headers only, and nothing of this machine is exposed.
        var directory = Directory.CreateTempSubdirectory("conndiag-http-").FullName;
        var port = TestSockets.FreePort(IPAddress.Loopback);
        var psi = new ProcessStartInfo("python3")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var a in new[] { "-m", "http.server", "--bind", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        foreach (var (k, v) in LibFakeTime.Environment(clockOffset)) psi.Environment[k] = v;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new FakeTimePythonServer(process, directory, port);
        try
        {
            await TestSockets.WaitUntilListeningAsync(new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromSeconds(15), () => !process.HasExited);
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    public void Dispose()
    {
        ChildStop.Stop(_process, ChildStop.SigInt);
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Harmless leftover.
        }
    }
}
