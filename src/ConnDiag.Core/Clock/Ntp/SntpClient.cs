using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace ConnDiag.Clock.Ntp;

/// <summary>
/// An SNTP client (RFC 4330) over UDP. Each request carries a random transmit timestamp and a reply counts
/// only when the server echoes it as the originate timestamp: anything else (a stale reply, a spoofed or
/// garbled datagram) is ignored and counted, never used. T1 is read from the wall clock when the request is
/// sent and T4 is derived from it with the monotonic clock, so a clock step during the exchange cannot
/// corrupt the delay. Requests are bounded by <c>attempts</c>, each reply wait by <c>timeout</c>, and the
/// datagrams read per attempt by <see cref="MaxDatagramsPerAttempt"/>.
/// </summary>
internal sealed class SntpClient
{
    public const int MaxDatagramsPerAttempt = 32;

    // Larger than any NTP packet with extension fields we would care about; bigger datagrams are cut and ignored.
    private const int ReceiveBufferBytes = 2048;

    private readonly TimeProvider _clock;

    public SntpClient(TimeProvider clock) => _clock = clock;

    private sealed record Sent(IPEndPoint Endpoint, NtpTimestamp Transmit, DateTimeOffset WallTime, long Timestamp);

    /// <summary>
    /// Sends up to <paramref name="attempts"/> requests, spread over <paramref name="endpoints"/> in turn, until
    /// one valid reply or a kiss-o'-death arrives.
    /// </summary>
    public async Task<NtpExchange> QueryAsync(IReadOnlyList<IPEndPoint> endpoints, TimeSpan timeout, int attempts, CancellationToken cancellationToken)
    {
        if (endpoints.Count == 0) throw new ArgumentException("no endpoint to query", nameof(endpoints));
        var sockets = new Dictionary<IPEndPoint, Socket>();
        var sent = new List<Sent>();
        var unusable = new Dictionary<IPEndPoint, string>();
        var buffer = new byte[ReceiveBufferBytes];
        var ignored = 0;
        string? firstIgnored = null;
        IPEndPoint last = endpoints[0];

        void Ignore(string reason)
        {
            ignored++;
            firstIgnored ??= reason;
        }

        try
        {
            for (var attempt = 0; attempt < attempts; attempt++)
            {
                var live = endpoints.Where(e => !unusable.ContainsKey(e)).ToList();
                if (live.Count == 0) break;
                var endpoint = live[attempt % live.Count];
                last = endpoint;

                Socket socket;
                Sent request;
                try
                {
                    socket = SocketFor(sockets, endpoint);
                    request = new Sent(endpoint, RandomTransmit(), _clock.GetUtcNow(), _clock.GetTimestamp());
                    await socket.SendAsync(NtpPacket.Request(request.Transmit), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException ex)
                {
                    unusable[endpoint] = $"cannot send to {Format(endpoint)}: {ex.SocketErrorCode} ({ex.Message})";
                    continue;
                }
                sent.Add(request);

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(timeout);
                for (var n = 0; n < MaxDatagramsPerAttempt; n++)
                {
                    int length;
                    try
                    {
                        length = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }
                    catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
                    {
                        // A connected UDP socket reports ICMP port unreachable here (Linux: refused, Windows: reset).
                        unusable[endpoint] = $"{Format(endpoint)} refused: ICMP port unreachable, nothing listens on that UDP port";
                        break;
                    }
                    catch (SocketException ex) when (ex.SocketErrorCode == SocketError.MessageSize)
                    {
                        Ignore($"a datagram larger than {ReceiveBufferBytes} bytes");
                        continue;
                    }
                    var receivedAt = _clock.GetTimestamp();

                    var packet = NtpPacket.TryRead(buffer.AsSpan(0, length));
                    if (packet is null)
                    {
                        Ignore(string.Create(CultureInfo.InvariantCulture, $"a {length}-byte datagram, shorter than an NTP header ({NtpPacket.HeaderLength} bytes)"));
                        continue;
                    }
                    // Only the echo of a transmit timestamp we sent proves the reply answers our request.
                    var match = sent.FirstOrDefault(s => s.Endpoint.Equals(endpoint) && s.Transmit == packet.Originate);
                    if (match is null)
                    {
                        Ignore($"originate timestamp {packet.Originate} does not match the transmit timestamp of any request sent");
                        continue;
                    }
                    if (packet.Mode != NtpPacket.ModeServer)
                    {
                        Ignore(string.Create(CultureInfo.InvariantCulture, $"mode {packet.Mode} instead of {NtpPacket.ModeServer} (server)"));
                        continue;
                    }
                    if (packet.Version is < 1 or > 4)
                    {
                        Ignore(string.Create(CultureInfo.InvariantCulture, $"NTP version {packet.Version}"));
                        continue;
                    }
                    if (packet.IsKissOfDeath)
                    {
                        return new NtpExchange(NtpOutcome.KissOfDeath, endpoint, packet, 0, 0, null, sent.Count, ignored, firstIgnored,
                            $"{Format(endpoint)} answered with kiss code '{packet.ReferenceIdText}'");
                    }
                    if (packet.Transmit.IsZero)
                    {
                        Ignore("transmit timestamp zero");
                        continue;
                    }

                    var t4Wall = match.WallTime + _clock.GetElapsedTime(match.Timestamp, receivedAt);
                    var t1 = NtpTimestamp.FromDateTime(match.WallTime);
                    var t4 = NtpTimestamp.FromDateTime(t4Wall);
                    return new NtpExchange(NtpOutcome.Answered, endpoint, packet,
                        NtpMath.OffsetMs(t1, packet.Receive, packet.Transmit, t4),
                        NtpMath.DelayMs(t1, packet.Receive, packet.Transmit, t4),
                        t4Wall, sent.Count, ignored, firstIgnored, "answered");
                }
            }
        }
        finally
        {
            foreach (var s in sockets.Values) s.Dispose();
        }

        if (unusable.Count == endpoints.Count)
        {
            return new NtpExchange(NtpOutcome.Unreachable, last, null, 0, 0, null, sent.Count, ignored, firstIgnored, string.Join("; ", unusable.Values));
        }
        var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var asked = string.Join(", ", endpoints.Where(e => !unusable.ContainsKey(e)).Select(Format));
        var detail = string.Create(CultureInfo.InvariantCulture, $"no valid reply from {asked} within {seconds} s per request ({sent.Count} {(sent.Count == 1 ? "request" : "requests")})");
        if (unusable.Count > 0) detail += "; " + string.Join("; ", unusable.Values);
        return new NtpExchange(NtpOutcome.NoAnswer, last, null, 0, 0, null, sent.Count, ignored, firstIgnored, detail);
    }

    private static Socket SocketFor(Dictionary<IPEndPoint, Socket> sockets, IPEndPoint endpoint)
    {
        if (sockets.TryGetValue(endpoint, out var existing)) return existing;
        var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // Connected: the kernel drops datagrams from other sources and reports ICMP errors to us.
            socket.Connect(endpoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        sockets[endpoint] = socket;
        return socket;
    }

    /// <summary>
    /// A random transmit timestamp (the practice of draft-ietf-ntp-data-minimization):
    /// it reveals nothing about the local clock and cannot be guessed by an off-path spoofer.
    /// </summary>
    private static NtpTimestamp RandomTransmit()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong value;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            value = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        }
        while (value == 0);
        return new NtpTimestamp(value);
    }

    internal static string Format(IPEndPoint e) => ConnDiag.Model.Target.Format(e.Address.ToString(), e.Port);
}
