using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Dns.Transport;

/// <summary>
/// One query over UDP (RFC 1035 §4.2.1). A fresh socket per attempt gives a fresh random source port
/// (RFC 5452), and connecting it makes the kernel drop datagrams from any other address or port.
/// Datagrams that do not match the query (id, question) or do not parse are ignored and counted, and the
/// attempt keeps waiting until its timeout, so a spoofed answer cannot end it.
/// </summary>
internal static class UdpExchange
{
    /// <summary>The largest UDP payload over IPv4; bigger datagrams cannot exist.</summary>
    public const int MaxDatagram = 65507;

    public static async Task<ExchangeResult> RunAsync(
        IPEndPoint server, byte[] query, ushort id, DnsQuestion question, int maxResponseBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ignored = new IgnoredResponses();
        string? malformedForUs = null;
        var cap = Math.Min(maxResponseBytes, MaxDatagram);
        // One byte more than the cap, so an oversized datagram shows up as longer than the cap instead of silently cut.
        var buffer = ArrayPool<byte>.Shared.Rent(cap + 1);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Connect(server);
            await socket.SendAsync(query, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(0, cap + 1), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (n > cap)
                {
                    ignored.Add(string.Create(CultureInfo.InvariantCulture, $"a datagram longer than the {cap}-byte cap"));
                    continue;
                }
                DnsMessage response;
                try
                {
                    response = DnsMessage.Parse(buffer.AsSpan(0, n));
                }
                catch (DnsFormatException ex)
                {
                    // Malformed with our id: probably the server's own answer, reported as such if nothing better comes.
                    if (ResponseMatcher.HasId(buffer.AsSpan(0, n), id) && malformedForUs is null) malformedForUs = ex.Message;
                    else ignored.Add(ResponseMatcher.Malformed(buffer.AsSpan(0, n), ex));
                    continue;
                }
                if (ResponseMatcher.Mismatch(response, id, question) is { } mismatch)
                {
                    ignored.Add(mismatch);
                    continue;
                }
                if (malformedForUs is not null) ignored.Add(string.Create(CultureInfo.InvariantCulture, $"id {id}: {malformedForUs}"));
                return ExchangeResult.Received(response, n, ignored);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A malformed datagram with our id and nothing better before the deadline: that was the server's answer.
            return malformedForUs is not null
                ? ExchangeResult.Failed(DnsAttemptOutcome.Malformed, malformedForUs, ignored)
                : ExchangeResult.Failed(DnsAttemptOutcome.Timeout, TimeoutText(timeout), ignored);
        }
        catch (SocketException ex)
        {
            var (outcome, error) = SocketErrors.Classify(ex, DnsTransport.Udp);
            return ExchangeResult.Failed(outcome, error, ignored);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static string TimeoutText(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s");
}
