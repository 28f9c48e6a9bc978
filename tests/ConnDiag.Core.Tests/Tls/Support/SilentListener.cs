using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Core.Tests.Tls.Support;

/// <summary>Accepts connections and never reads or writes: the server that would hang a client without a timeout.</summary>
internal sealed class SilentListener : IDisposable
{
    private readonly TcpListener _listener;
    private readonly List<Socket> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SilentListener()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptAsync(_stop.Token);
    }

    public int Port { get; }

    public int Accepted
    {
        get { lock (_held) return _held.Count; }
    }

    private async Task AcceptAsync(CancellationToken token)
    {
        try
        {
            while (true)
            {
                var s = await _listener.AcceptSocketAsync(token);
                lock (_held) _held.Add(s);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        lock (_held)
        {
            foreach (var s in _held) s.Dispose();
        }
        _stop.Dispose();
    }
}
