using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ConnDiag.Core.Tests.Clock.Support;

/// <summary>
/// chronyd serving NTP on a free loopback port (127.0.0.1 and ::1), research/feasibility.md §6. It runs with
/// <c>-x</c>, so it never touches the system clock, <c>local stratum 8</c> so it serves its own clock without
/// upstream servers, no command port or socket, and its files in a temporary directory. With a clock offset it
/// runs under libfaketime, preloaded, so its clock (and only its clock) is that far off. Stopped by PID.
/// </summary>
internal sealed class ChronyServer : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log = new();

    private ChronyServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    public static ChronyServer Start(TimeSpan? clockOffset = null)
    {
        var directory = Directory.CreateTempSubdirectory("conndiag-chrony-").FullName;
        var port = FreeUdpPort();
        var conf = Path.Combine(directory, "chrony.conf");
        File.WriteAllText(conf, string.Join('\n',
            string.Create(CultureInfo.InvariantCulture, $"port {port}"),
            "bindaddress 127.0.0.1",
            "bindaddress ::1",
            "allow 127.0.0.1",
            "allow ::1",
            "local stratum 8",
            "cmdport 0",
            "bindcmdaddress /",
            $"pidfile {Path.Combine(directory, "chronyd.pid")}",
            $"driftfile {Path.Combine(directory, "drift")}",
            ""));

        var psi = new ProcessStartInfo("chronyd")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // -d: foreground, log to stderr; -x: never adjust the system clock (mandatory: this is a test).
        foreach (var a in new[] { "-d", "-x", "-u", "root", "-f", conf }) psi.ArgumentList.Add(a);
        if (clockOffset is { } offset)
        {
            foreach (var (k, v) in LibFakeTime.Environment(offset)) psi.Environment[k] = v;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("chronyd did not start");
        var server = new ChronyServer(process, directory, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.WaitUntilServing(TimeSpan.FromSeconds(10));
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return server;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            if (_log.Length < 16_000) _log.AppendLine(line);
        }
    }

    /// <summary>Polls with a bare client packet (not the engine's client) until chronyd answers; bounded.</summary>
    private void WaitUntilServing(TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, Port));
        socket.ReceiveTimeout = 200;
        var request = new byte[48];
        request[0] = 0x23;
        RandomNumberGenerator.Fill(request.AsSpan(40, 8));
        var buffer = new byte[512];
        for (var attempt = 0; attempt < 100 && sw.Elapsed < limit; attempt++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"chronyd exited with {_process.ExitCode}: {Log}");
            try
            {
                socket.Send(request);
                if (socket.Receive(buffer) >= 48) return;
            }
            catch (SocketException)
            {
                // Not bound yet (refused) or no answer within 200 ms: try again.
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException($"chronyd did not answer NTP on 127.0.0.1:{Port} within {limit.TotalSeconds} s: {Log}");
    }

    /// <summary>A UDP port free on both 127.0.0.1 and ::1 at the time of asking.</summary>
    private static int FreeUdpPort()
    {
        for (var i = 0; i < 20; i++)
        {
            using var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            v4.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)v4.LocalEndPoint!).Port;
            using var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                v6.Bind(new IPEndPoint(IPAddress.IPv6Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken on ::1: pick another.
            }
        }
        throw new InvalidOperationException("no UDP port free on both 127.0.0.1 and ::1");
    }

    public void Dispose()
    {
        ChildStop.Stop(_process, ChildStop.SigTerm);
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // chronyd may still be writing its drift file as it dies; a leftover temp dir is harmless.
        }
    }
}
