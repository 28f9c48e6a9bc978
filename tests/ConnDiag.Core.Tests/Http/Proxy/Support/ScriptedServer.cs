using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConnDiag.Core.Tests.Http.Proxy.Support;

/// <summary>
/// A loopback listener whose every connection runs <c>script</c> (answer with given bytes, stay silent, close),
/// recording the request head each connection sent. For peers that are not well-behaved proxies.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private const int MaxHeadBytes = 16 * 1024;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<NetworkStream, string, CancellationToken, Task> _script;
    private readonly Task _loop;
    private readonly List<string> _heads = [];
    private readonly int _maxConnections;

    /// <param name="script">Runs after the request head (up to the blank line) was read; gets the stream and the head.</param>
    /// <param name="readHeadFirst">False: run the script at once, without reading (a peer that speaks first).</param>
    /// <param name="maxConnections">Connections served before the listener stops accepting (bounds the accept loop).</param>
    public ScriptedServer(Func<NetworkStream, string, CancellationToken, Task> script, bool readHeadFirst = true, int maxConnections = 32)
    {
        _script = script;
        _maxConnections = maxConnections;
        ReadHeadFirst = readHeadFirst;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptAsync(_stop.Token);
    }

    public int Port { get; }
    public bool ReadHeadFirst { get; }

    public IReadOnlyList<string> Heads
    {
        get
        {
            lock (_heads) return _heads.ToList();
        }
    }

    /// <summary>Answers every request with <paramref name="response"/> and closes.</summary>
    public static ScriptedServer Answering(string response, int maxConnections = 32) =>
        new(async (s, _, token) => await s.WriteAsync(Encoding.Latin1.GetBytes(response), token), maxConnections: maxConnections);

    private async Task AcceptAsync(CancellationToken token)
    {
        var handlers = new List<Task>();
        try
        {
            for (var i = 0; i < _maxConnections; i++)
            {
                var client = await _listener.AcceptTcpClientAsync(token);
                handlers.Add(HandleAsync(client, token));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
        await Task.WhenAll(handlers);
    }

    private async Task HandleAsync(TcpClient client, CancellationToken token)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = ReadHeadFirst ? await ReadHeadAsync(stream, token) : "";
                lock (_heads)
                {
                    if (_heads.Count < 64) _heads.Add(head);
                }
                await _script(stream, head, token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The test is over or the client went away.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken token)
    {
        var buffer = new byte[MaxHeadBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(filled), token);
            if (n == 0) break;
            filled += n;
            if (Encoding.Latin1.GetString(buffer, 0, filled).Contains("\r\n\r\n", StringComparison.Ordinal)) break;
        }
        return Encoding.Latin1.GetString(buffer, 0, filled);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
