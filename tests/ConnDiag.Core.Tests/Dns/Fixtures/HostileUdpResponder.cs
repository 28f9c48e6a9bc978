using System.Net;
using System.Net.Sockets;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Core.Tests.Dns.Fixtures;

/// <summary>
/// A real UDP socket on 127.0.0.1 that answers each query with whatever datagrams the test scripts: a
/// wrong id, a wrong question, garbage, the right answer, or nothing. It answers from its own address and
/// port, like an on-path spoofer or a broken middlebox would, so the client's connected socket accepts the
/// datagrams and its own matching must do the work.
/// </summary>
public sealed class HostileUdpResponder : IDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _queries;

    /// <param name="respond">Given the parsed query and its raw bytes, the datagrams to send back, in order.</param>
    public HostileUdpResponder(Func<DnsMessage, byte[], IEnumerable<byte[]>> respond)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _loop = Task.Run(() => LoopAsync(respond));
    }

    public int Port { get; }

    public DnsServer Server => DnsServer.Udp(IPAddress.Loopback, Port);

    /// <summary>Queries received so far.</summary>
    public int Queries => Volatile.Read(ref _queries);

    private async Task LoopAsync(Func<DnsMessage, byte[], IEnumerable<byte[]>> respond)
    {
        var buffer = new byte[4096];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _queries);
            var raw = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
            var query = DnsMessage.Parse(raw);
            foreach (var datagram in respond(query, raw))
            {
                await _socket.SendToAsync(datagram, SocketFlags.None, received.RemoteEndPoint);
            }
        }
    }

    /// <summary>A response to <paramref name="query"/> with the given answers (A records of the asked name).</summary>
    public static DnsMessage Answer(DnsMessage query, params string[] addresses) =>
        new(query.Header with { IsResponse = true, RecursionAvailable = true, AnswerCount = 0, AdditionalCount = 0 },
            query.Question,
            addresses.Select(a => (DnsRecord)new ARecord(query.Question.Name, 60, IPAddress.Parse(a))).ToList(),
            [], [], null);

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the socket; its exception is not the test's concern.
        }
        _stop.Dispose();
    }
}
