using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Cli.Tests.Fixtures;

/// <summary>A listening TCP socket owned by the test process (the kernel completes handshakes without accept).</summary>
public sealed class OpenPort : IDisposable
{
    private readonly Socket _socket;

    public OpenPort(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        _socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(new IPEndPoint(address, 0));
        _socket.Listen(128);
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}

/// <summary>
/// A port that refuses connections and stays refused: the socket is bound (so nothing else takes the
/// port while the test runs) but never listens, so every SYN is answered with RST.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket;

    public ClosedPort()
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}

/// <summary>
/// A loopback port whose SYNs go unanswered: a listener with backlog 0 whose accept queue the fixture
/// fills and never drains. Linux drops SYNs to a listener with a full accept queue, so a connect hangs
/// until the client's timeout, as it would behind a dropping firewall.
/// </summary>
public sealed class SilentPort : IDisposable
{
    private const int MaxFillers = 8;
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    public SilentPort()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;

        for (var i = 0; i < MaxFillers; i++)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(750));
            try
            {
                s.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cts.Token).AsTask().GetAwaiter().GetResult();
                _fillers.Add(s);
            }
            catch (OperationCanceledException)
            {
                // This one was dropped: the queue is full.
                s.Dispose();
                return;
            }
        }
        Dispose();
        throw new InvalidOperationException($"the accept queue of a backlog-0 listener took {MaxFillers} connections without filling up");
    }

    public int Port { get; }

    public void Dispose()
    {
        foreach (var s in _fillers) s.Dispose();
        _listener.Dispose();
    }
}

/// <summary>Temporary files removed at the end of the test.</summary>
public sealed class TempFile : IDisposable
{
    public TempFile(string contents, string extension = ".txt")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"conndiag-test-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(Path, contents);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}

/// <summary>Finds files of the repository (docs/json.md) from the test's output directory.</summary>
public static class Repository
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "ConnDiag.sln"))) return dir.FullName;
            }
            throw new DirectoryNotFoundException($"no ConnDiag.sln above {AppContext.BaseDirectory}");
        }
    }
}
