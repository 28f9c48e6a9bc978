using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConnDiag.Core.Tests.Clock.Support;

/// <summary>How the scripted responder answers one request.</summary>
internal enum NtpReplyKind
{
    /// <summary>A proper server reply (stratum 2), its clock <see cref="NtpReply.Offset"/> off the real one (or fixed at <see cref="NtpReply.At"/>).</summary>
    Valid,

    /// <summary>A proper-looking reply whose originate timestamp is not the request's transmit timestamp.</summary>
    WrongOriginate,

    /// <summary>Twenty bytes: not an NTP header.</summary>
    Short,

    /// <summary>Stratum 0 with the kiss code in the reference id.</summary>
    KissOfDeath,

    /// <summary>A valid-looking reply with leap indicator 3 (alarm: the server is not synchronized).</summary>
    Unsynchronized,
}

/// <summary>One datagram the responder sends back.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Offset">How far the server's clock is off the real one.</param>
/// <param name="KissCode">The code of a kiss-o'-death.</param>
/// <param name="At">A fixed server time instead of real time + offset.</param>
/// <param name="Forged">Send it with an originate timestamp that answers no request (as an off-path spoofer must).</param>
/// <param name="AnswersRequest">Echo the transmit timestamp of that earlier request instead of the current one.</param>
internal sealed record NtpReply(
    NtpReplyKind Kind, TimeSpan Offset = default, string KissCode = "RATE", DateTimeOffset? At = null, bool Forged = false, int? AnswersRequest = null);

/// <summary>
/// A scripted NTP server on a real loopback UDP socket in the test process: for request number N (from 0) it
/// sends the datagrams the script returns, in order (none = silence). It records every request it got.
/// </summary>
internal sealed class NtpResponder : IDisposable
{
    private readonly Socket _socket;
    private readonly Func<int, IReadOnlyList<NtpReply>> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<byte[]> _requests = [];
    private readonly Task _loop;

    public NtpResponder(Func<int, IReadOnlyList<NtpReply>> script, IPAddress? address = null)
    {
        _script = script;
        address ??= IPAddress.Loopback;
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, 0));
        Endpoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Every request answers the same way.</summary>
    public static NtpResponder Always(params NtpReply[] replies) => new(_ => replies);

    public IPEndPoint Endpoint { get; }

    public int Port => Endpoint.Port;

    public string Server => Endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Endpoint.Address}]:{Port}" : $"{Endpoint.Address}:{Port}";

    public IReadOnlyList<byte[]> Requests
    {
        get
        {
            lock (_requests) return _requests.ToList();
        }
    }

    private async Task LoopAsync()
    {
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(Endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult r;
            try
            {
                r = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var receivedAt = DateTimeOffset.UtcNow;
            var request = buffer.AsSpan(0, r.ReceivedBytes).ToArray();
            int index;
            lock (_requests)
            {
                index = _requests.Count;
                _requests.Add(request);
            }
            foreach (var reply in _script(index))
            {
                var answered = reply.AnswersRequest is { } earlier ? Requests[earlier] : request;
                try
                {
                    await _socket.SendToAsync(Build(reply, answered, receivedAt), SocketFlags.None, r.RemoteEndPoint);
                }
                catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
                {
                    return;
                }
            }
        }
    }

    private static byte[] Build(NtpReply reply, byte[] request, DateTimeOffset receivedAt)
    {
        if (reply.Kind == NtpReplyKind.Short) return new byte[20];
        var packet = new byte[48];
        var leap = reply.Kind == NtpReplyKind.Unsynchronized ? 3 : 0;
        packet[0] = (byte)((leap << 6) | (4 << 3) | 4);
        packet[1] = reply.Kind == NtpReplyKind.KissOfDeath ? (byte)0 : (byte)2;
        packet[2] = 6;
        packet[3] = 0xEC; // precision 2^-20 s
        if (reply.Kind == NtpReplyKind.KissOfDeath)
        {
            Encoding.ASCII.GetBytes(reply.KissCode.PadRight(4, '\0')[..4]).CopyTo(packet, 12);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), 0xC6120001); // 198.18.0.1: the upstream this "server" follows
        }
        var transmitOfRequest = request.Length >= 48 ? NtpWire.Read(request, 40) : 0;
        var originate = reply.Kind == NtpReplyKind.WrongOriginate || reply.Forged ? transmitOfRequest ^ 0x5a5a_5a5a_0000_0001 : transmitOfRequest;
        var now = reply.At ?? receivedAt + reply.Offset;
        NtpWire.Write(packet, 16, NtpWire.Timestamp(now.AddSeconds(-30)));
        NtpWire.Write(packet, 24, originate);
        if (reply.Kind != NtpReplyKind.KissOfDeath)
        {
            NtpWire.Write(packet, 32, NtpWire.Timestamp(now));
            NtpWire.Write(packet, 40, NtpWire.Timestamp(now));
        }
        return packet;
    }

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
            // The loop ends on the disposed socket; nothing else to report.
        }
        _stop.Dispose();
    }
}
