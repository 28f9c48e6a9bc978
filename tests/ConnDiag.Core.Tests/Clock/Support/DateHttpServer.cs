using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConnDiag.Core.Tests.Clock.Support;

/// <summary>
/// A minimal HTTP/1.1 server on a real loopback socket in the test process. Each response carries the Date
/// header <see cref="DateHeader"/> makes (null: none), so a test controls the server's clock as seen over
/// HTTP. With <c>silent</c> it accepts connections and never answers.
/// </summary>
internal sealed class DateHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string?> _dateHeader;
    private readonly string _status;
    private readonly bool _silent;
    private readonly List<TcpClient> _held = [];
    private readonly Task _loop;
    private int _requests;

    public DateHttpServer(Func<string?> dateHeader, string status = "200 OK", bool silent = false, IPAddress? address = null)
    {
        _dateHeader = dateHeader;
        _status = status;
        _silent = silent;
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>A server whose clock is <paramref name="offset"/> off the real one, in IMF-fixdate.</summary>
    public static DateHttpServer Skewed(TimeSpan offset, string status = "200 OK") =>
        new(() => ImfFixdate(DateTimeOffset.UtcNow + offset), status);

    public static string ImfFixdate(DateTimeOffset t) => t.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    public int Port { get; }

    public Func<string?> DateHeader => _dateHeader;

    public int Requests => Volatile.Read(ref _requests);

    public Uri Uri => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (_silent)
            {
                lock (_held) _held.Add(client);
                continue;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var read = 0;
                // Read the request head (bounded); HEAD requests have no body.
                while (read < buffer.Length)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(read), _stop.Token);
                    if (n == 0) return;
                    read += n;
                    if (Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal)) break;
                }
                Interlocked.Increment(ref _requests);
                var head = new StringBuilder();
                head.Append("HTTP/1.1 ").Append(_status).Append("\r\n");
                if (_dateHeader() is { } date) head.Append("Date: ").Append(date).Append("\r\n");
                head.Append("Content-Length: 0\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            foreach (var c in _held) c.Dispose();
        }
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }
}
