using System.Globalization;
using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Ports;

namespace ConnDiag.Core.Tests.Tls.Support;

/// <summary>
/// `python3 -m http.server` serving a directory on a loopback port: CRLs for the revocation tests, and a
/// plain HTTP server on the port a TLS client connects to for the NOT_TLS tests. Killed by PID on dispose.
/// </summary>
internal sealed class StaticHttpServer : IDisposable
{
    private readonly ChildProcess _process;

    private StaticHttpServer(ChildProcess process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public string Url(string file) => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{file}";

    public static async Task<StaticHttpServer> StartAsync(string directory)
    {
        // A port chosen by the kernel and released; python binds it a moment later (a race only with another
        // process grabbing the same ephemeral port in between, which the readiness probe below would reveal).
        var port = TestSockets.FreePort();
        var process = ChildProcess.Start("python3",
            ["-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", directory, port.ToString(CultureInfo.InvariantCulture)],
            "Serving HTTP", TimeSpan.FromSeconds(15));
        try
        {
            await TestSockets.WaitUntilListeningAsync(new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromSeconds(10));
        }
        catch
        {
            process.Dispose();
            throw;
        }
        return new StaticHttpServer(process, port, directory);
    }

    public void Dispose() => _process.Dispose();
}
