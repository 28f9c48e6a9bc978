using System.Net;
using System.Net.Sockets;
using ConnDiag.Dns.Transport;

namespace ConnDiag.Core.Tests.Dns.Fixtures;

/// <summary>
/// A DNS server reachable over UDP only: datagrams are relayed to dnsmasq and its answers (truncated ones
/// included) relayed back, while the same TCP port is held by a socket that never listens, so a TCP
/// connect is refused. This is "TCP/53 blocked" as a firewall rejecting TCP produces it.
/// </summary>
public sealed class UdpOnlyRelay : IDisposable
{
    private readonly Socket _udp;
    private readonly Socket _tcpHold;
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public UdpOnlyRelay(IPEndPoint upstream)
    {
        _upstream = upstream;
        for (var i = 0; ; i++)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                (_udp, _tcpHold, Port) = (udp, tcp, port);
                break;
            }
            catch (SocketException) when (i < 20)
            {
                udp.Dispose();
                tcp.Dispose();
            }
        }
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public DnsServer Server => DnsServer.Udp(IPAddress.Loopback, Port);

    private async Task LoopAsync()
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var query = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                using var up = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                up.Connect(_upstream);
                await up.SendAsync(buffer.AsMemory(0, query.ReceivedBytes), SocketFlags.None, _stop.Token);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                var reply = new byte[65536];
                var n = await up.ReceiveAsync(reply, SocketFlags.None, timeout.Token);
                await _udp.SendToAsync(reply.AsMemory(0, n), SocketFlags.None, query.RemoteEndPoint);
            }
            catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
            {
                // The upstream did not answer this one: drop it, like a lossy path.
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested) return;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcpHold.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Ends with its socket.
        }
        _stop.Dispose();
    }
}
