using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Dns.Transport;

/// <summary>
/// One query over TCP (RFC 1035 §4.2.2, RFC 7766): connect, send the message behind a 2-byte length,
/// read the 2-byte length and exactly that many bytes. One connection per attempt keeps the timing of each
/// attempt its own. The same deadline covers connect, send and every read; the length is checked against
/// the size cap before any body byte is read.
/// </summary>
internal static class TcpExchange
{
    public static async Task<ExchangeResult> RunAsync(
        IPEndPoint server, byte[] query, ushort id, DnsQuestion question, int maxResponseBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ignored = new IgnoredResponses();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, deadline.Token).ConfigureAwait(false);
            var framed = new byte[2 + query.Length];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
            query.CopyTo(framed, 2);
            await socket.SendAsync(framed, SocketFlags.None, deadline.Token).ConfigureAwait(false);

            var prefix = new byte[2];
            // A server may send other messages first (RFC 7766 allows pipelining); keep reading until ours.
            while (true)
            {
                if (!await ReadExactlyAsync(socket, prefix, deadline.Token).ConfigureAwait(false))
                {
                    return ExchangeResult.Failed(DnsAttemptOutcome.NetworkError, "the server closed the connection without answering", ignored);
                }
                var length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
                if (length > maxResponseBytes)
                {
                    return ExchangeResult.Failed(DnsAttemptOutcome.Malformed,
                        string.Create(CultureInfo.InvariantCulture, $"the server announced a {length}-byte response, over the {maxResponseBytes}-byte cap"), ignored);
                }
                var body = new byte[length];
                if (!await ReadExactlyAsync(socket, body, deadline.Token).ConfigureAwait(false))
                {
                    return ExchangeResult.Failed(DnsAttemptOutcome.NetworkError,
                        string.Create(CultureInfo.InvariantCulture, $"the server closed the connection in the middle of a {length}-byte response"), ignored);
                }
                DnsMessage response;
                try
                {
                    response = DnsMessage.Parse(body);
                }
                catch (DnsFormatException ex)
                {
                    // On a connection we opened, a malformed message is the server's answer, not a spoof.
                    return ExchangeResult.Failed(DnsAttemptOutcome.Malformed, ex.Message, ignored);
                }
                if (ResponseMatcher.Mismatch(response, id, question) is { } mismatch)
                {
                    ignored.Add(mismatch);
                    continue;
                }
                return ExchangeResult.Received(response, length, ignored);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var what = socket.Connected ? UdpExchange.TimeoutText(timeout) : UdpExchange.TimeoutText(timeout) + " (the TCP connection was not established)";
            return ExchangeResult.Failed(DnsAttemptOutcome.Timeout, what, ignored);
        }
        catch (SocketException ex)
        {
            var (outcome, error) = SocketErrors.Classify(ex, DnsTransport.Tcp);
            return ExchangeResult.Failed(outcome, error, ignored);
        }
    }

    /// <summary>Fills <paramref name="buffer"/>; false when the peer closed before the first byte or in the middle.</summary>
    private static async Task<bool> ReadExactlyAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
