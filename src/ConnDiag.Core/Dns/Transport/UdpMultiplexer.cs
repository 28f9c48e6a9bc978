using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Dns.Transport;

/// <summary>
/// Bulk UDP: queries to one server share a few connected sockets instead of opening one each, and
/// responses are handed to the waiting query by transaction id. Each socket has a random source port
/// and every query a random id that no other query in flight on that socket uses. A response whose id is
/// pending but whose question differs is ignored and counted on that query; a datagram whose id matches no
/// pending query cannot be tied to one and is counted in <see cref="UnattributedResponses"/>.
/// <para>
/// Each socket has its own receive thread, and a received answer completes its query on that thread:
/// the query's continuation (parse, the next send) runs there like an event loop, because handing every
/// answer to the thread pool halved the throughput. Deadlines are checked by one sweep timer (every
/// <see cref="SweepInterval"/>), not one timer per query, so a timeout is reported up to that much late.
/// </para>
/// </summary>
internal sealed class UdpMultiplexer : IDisposable
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(50);
    private const int ReceiveBuffer = 65536;

    private readonly Lane[] _lanes;
    private readonly Timer _sweep;
    private readonly int _maxResponseBytes;
    private long _unattributed;
    private int _next;
    private volatile bool _disposed;

    public UdpMultiplexer(IPEndPoint server, int sockets, int maxResponseBytes)
    {
        _maxResponseBytes = Math.Min(maxResponseBytes, UdpExchange.MaxDatagram);
        _lanes = new Lane[Math.Max(1, sockets)];
        for (var i = 0; i < _lanes.Length; i++)
        {
            var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.Connect(server);
            }
            catch
            {
                socket.Dispose();
                foreach (var made in _lanes.Take(i)) made.Socket.Dispose();
                throw;
            }
            _lanes[i] = new Lane(socket);
            var lane = _lanes[i];
            new Thread(() => ReceiveLoop(lane)) { IsBackground = true, Name = "conndiag-dns-udp" }.Start();
        }
        _sweep = new Timer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    /// <summary>Datagrams whose id matched no query in flight (late answers after a timeout, or spoofs).</summary>
    public long UnattributedResponses => Interlocked.Read(ref _unattributed);

    public async Task<ExchangeResult> ExchangeAsync(Func<ushort, byte[]> buildQuery, DnsQuestion question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var lane = _lanes[(int)((uint)Interlocked.Increment(ref _next) % _lanes.Length)];
        var pending = new Pending(question, Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency), timeout);
        ushort id;
        lock (lane.Pending)
        {
            if (lane.Pending.Count >= 60_000) return ExchangeResult.Failed(DnsAttemptOutcome.NetworkError, "too many queries in flight on one socket", pending.Ignored);
            do
            {
                id = QueryIds.Next();
            }
            while (!lane.Pending.TryAdd(id, pending));
        }
        pending.Id = id;
        try
        {
            lane.Socket.Send(buildQuery(id), SocketFlags.None);
        }
        catch (SocketException ex)
        {
            lock (lane.Pending) lane.Pending.Remove(id);
            var (outcome, error) = SocketErrors.Classify(ex, DnsTransport.Udp);
            return ExchangeResult.Failed(outcome, error, pending.Ignored);
        }
        catch (ObjectDisposedException)
        {
            lock (lane.Pending) lane.Pending.Remove(id);
            throw;
        }
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(() =>
            {
                lock (lane.Pending) lane.Pending.Remove(id);
                pending.Result.TrySetCanceled(cancellationToken);
            })
            : default;
        return await pending.Result.Task.ConfigureAwait(false);
    }

    private void ReceiveLoop(Lane lane)
    {
        var buffer = new byte[ReceiveBuffer];
        while (!_disposed)
        {
            int n;
            try
            {
                n = lane.Socket.Receive(buffer, SocketFlags.None);
            }
            catch (SocketException ex) when (!_disposed && ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable)
            {
                // An ICMP error on a connected socket concerns the server, so every query waiting on it.
                var (outcome, error) = SocketErrors.Classify(ex, DnsTransport.Udp);
                FailAll(lane, outcome, error);
                continue;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                FailAll(lane, DnsAttemptOutcome.NetworkError, "the socket was closed");
                return;
            }
            Deliver(lane, buffer.AsSpan(0, n));
        }
    }

    private void Deliver(Lane lane, ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < 2)
        {
            Interlocked.Increment(ref _unattributed);
            return;
        }
        var id = (ushort)((datagram[0] << 8) | datagram[1]);
        Pending? pending;
        lock (lane.Pending) lane.Pending.TryGetValue(id, out pending);
        if (pending is null)
        {
            Interlocked.Increment(ref _unattributed);
            return;
        }
        if (datagram.Length > _maxResponseBytes)
        {
            pending.Ignored.Add($"a datagram longer than the {_maxResponseBytes}-byte cap");
            return;
        }
        DnsMessage response;
        try
        {
            response = DnsMessage.Parse(datagram);
        }
        catch (DnsFormatException ex)
        {
            if (pending.MalformedForUs is null) pending.MalformedForUs = ex.Message;
            else pending.Ignored.Add(ResponseMatcher.Malformed(datagram, ex));
            return;
        }
        if (ResponseMatcher.Mismatch(response, id, pending.Question) is { } mismatch)
        {
            pending.Ignored.Add(mismatch);
            return;
        }
        lock (lane.Pending)
        {
            if (!lane.Pending.Remove(id)) return;
        }
        if (pending.MalformedForUs is not null) pending.Ignored.Add($"id {id}: {pending.MalformedForUs}");
        pending.Result.TrySetResult(ExchangeResult.Received(response, datagram.Length, pending.Ignored));
    }

    private void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var lane in _lanes)
        {
            List<Pending>? expired = null;
            lock (lane.Pending)
            {
                foreach (var p in lane.Pending.Values)
                {
                    if (p.Deadline <= now) (expired ??= []).Add(p);
                }
                if (expired is null) continue;
                foreach (var p in expired) lane.Pending.Remove(p.Id);
            }
            foreach (var p in expired)
            {
                p.Result.TrySetResult(p.MalformedForUs is not null
                    ? ExchangeResult.Failed(DnsAttemptOutcome.Malformed, p.MalformedForUs, p.Ignored)
                    : ExchangeResult.Failed(DnsAttemptOutcome.Timeout, UdpExchange.TimeoutText(p.Timeout), p.Ignored));
            }
        }
    }

    private static void FailAll(Lane lane, DnsAttemptOutcome outcome, string error)
    {
        List<Pending> all;
        lock (lane.Pending)
        {
            all = [.. lane.Pending.Values];
            lane.Pending.Clear();
        }
        foreach (var p in all) p.Result.TrySetResult(ExchangeResult.Failed(outcome, error, p.Ignored));
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _sweep.Dispose();
        foreach (var lane in _lanes)
        {
            lane.Socket.Dispose();
            FailAll(lane, DnsAttemptOutcome.NetworkError, "the client was disposed");
        }
    }

    private sealed class Lane(Socket socket)
    {
        public Socket Socket { get; } = socket;

        public Dictionary<ushort, Pending> Pending { get; } = [];
    }

    private sealed class Pending(DnsQuestion question, long deadline, TimeSpan timeout)
    {
        public DnsQuestion Question { get; } = question;

        public long Deadline { get; } = deadline;

        public TimeSpan Timeout { get; } = timeout;

        public ushort Id { get; set; }

        public IgnoredResponses Ignored { get; } = new();

        public string? MalformedForUs { get; set; }

        // Completed on the receive thread, continuations inline: see the class comment.
        public TaskCompletionSource<ExchangeResult> Result { get; } = new();
    }
}
