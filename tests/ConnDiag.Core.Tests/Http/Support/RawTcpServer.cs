using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConnDiag.Core.Tests.Http.Support;

/// <summary>
/// A loopback TCP server that misbehaves on purpose: reads the request head and then stays silent, resets,
/// closes, or answers garbage. Counts the connections it accepted. Bounded: every wait ends on dispose.
/// </summary>
internal sealed class RawTcpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Socket, CancellationToken, Task> _behaviour;
    private readonly Task _loop;
    private int _connections;

    private RawTcpServer(Func<Socket, CancellationToken, Task> behaviour)
    {
        _behaviour = behaviour;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptAsync();
    }

    public int Port { get; }
    public int Connections => Volatile.Read(ref _connections);
    public Uri Url(string scheme = "http") => new($"{scheme}://127.0.0.1:{Port}/");

    /// <summary>Reads the request and never answers.</summary>
    public static RawTcpServer Silent() => new(async (s, ct) =>
    {
        await ReadHeadAsync(s, ct);
        await Task.Delay(Timeout.Infinite, ct);
    });

    /// <summary>Reads the request, then aborts the connection with RST (linger 0).</summary>
    public static RawTcpServer ResetAfterRequest() => new(async (s, ct) =>
    {
        await ReadHeadAsync(s, ct);
        s.LingerState = new LingerOption(true, 0);
        s.Close();
    });

    /// <summary>Reads the request, then closes cleanly (FIN) without a byte of response.</summary>
    public static RawTcpServer CloseAfterRequest() => new(async (s, ct) =>
    {
        await ReadHeadAsync(s, ct);
        s.Shutdown(SocketShutdown.Both);
        s.Close();
    });

    /// <summary>Reads the request, answers with text that is not HTTP, then closes.</summary>
    public static RawTcpServer Garbage(string text) => new(async (s, ct) =>
    {
        await ReadHeadAsync(s, ct);
        await s.SendAsync(Encoding.ASCII.GetBytes(text), ct);
        s.Shutdown(SocketShutdown.Both);
        s.Close();
    });

    /// <summary>
    /// A minimal CONNECT proxy: opens the tunnel to 127.0.0.1 at the requested port (whatever the host name) and
    /// copies bytes both ways until one side closes.
    /// </summary>
    public static RawTcpServer ConnectProxy() => new(async (s, ct) =>
    {
        var head = await ReadHeadAsync(s, ct);
        var target = head.Split(' ', 3)[1];
        var port = int.Parse(target[(target.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        using var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await upstream.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
        await s.SendAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), ct);
        using var client = new NetworkStream(s, ownsSocket: false);
        using var server = new NetworkStream(upstream, ownsSocket: false);
        await Task.WhenAny(client.CopyToAsync(server, ct), server.CopyToAsync(client, ct));
    });

    /// <summary>Reads up to the end of the request head (or 64 KiB, or what arrives before the peer stops).</summary>
    public static async Task<string> ReadHeadAsync(Socket s, CancellationToken ct)
    {
        var buffer = new byte[65536];
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await s.ReceiveAsync(buffer.AsMemory(total), ct);
            if (n == 0) break;
            total += n;
            if (Encoding.Latin1.GetString(buffer, 0, total).Contains("\r\n\r\n", StringComparison.Ordinal)) break;
            // A TLS ClientHello (the probe checking for a TLS server) has no blank line to wait for.
            if (buffer[0] == 0x16) break;
        }
        return Encoding.Latin1.GetString(buffer, 0, total);
    }

    private async Task AcceptAsync()
    {
        var tasks = new List<Task>();
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                tasks.Add(ServeAsync(socket));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped (a loop that comes back to accept after Stop() gets "Not listening").
        }
        await Task.WhenAll(tasks);
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            await _behaviour(socket, _stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server stopped.
        }
        finally
        {
            socket.Dispose();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
