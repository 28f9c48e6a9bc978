using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Core.Tests.Tcp.Support;

/// <summary>A real listener in this process that accepts and closes every connection (so its queue never fills).</summary>
internal sealed class LoopbackListener : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public LoopbackListener(IPAddress address)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start(backlog: 1024);
        Address = address;
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync(_stop.Token);
    }

    public IPAddress Address { get; }
    public int Port { get; }

    private async Task AcceptAsync(CancellationToken token)
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptSocketAsync(token).ConfigureAwait(false);
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
        _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
