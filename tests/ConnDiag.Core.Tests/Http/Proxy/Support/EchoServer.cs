using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Core.Tests.Http.Proxy.Support;

/// <summary>The target behind the proxy: a loopback listener that echoes every byte back, and counts its connections.</summary>
internal sealed class EchoServer : IDisposable
{
    private const int MaxConnections = 64;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _accepted;

    public EchoServer(IPAddress? address = null)
    {
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptAsync(_stop.Token);
    }

    public int Port { get; }
    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptAsync(CancellationToken token)
    {
        var handlers = new List<Task>();
        try
        {
            for (var i = 0; i < MaxConnections; i++)
            {
                var client = await _listener.AcceptTcpClientAsync(token);
                Interlocked.Increment(ref _accepted);
                handlers.Add(EchoAsync(client, token));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
        await Task.WhenAll(handlers);
    }

    private static async Task EchoAsync(TcpClient client, CancellationToken token)
    {
        using (client)
        {
            var buffer = new byte[4096];
            try
            {
                var stream = client.GetStream();
                for (var i = 0; i < 1000; i++)
                {
                    var n = await stream.ReadAsync(buffer, token);
                    if (n == 0) return;
                    await stream.WriteAsync(buffer.AsMemory(0, n), token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The test is over or the peer went away.
            }
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
