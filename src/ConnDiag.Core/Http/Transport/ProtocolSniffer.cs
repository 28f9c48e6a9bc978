using System.Net.Security;
using System.Text;

namespace ConnDiag.Http.Transport;

/// <summary>
/// When a server gave no bytes to judge by (it closed, reset or stayed silent), asks it once more on a fresh
/// connection in the other protocol: a TLS ClientHello for an http URL, a plain HEAD for an https URL. Its
/// answer proves the protocol mix-up instead of guessing it. Bounded by a short timeout.
/// </summary>
internal sealed class ProtocolSniffer
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    private readonly IHttpConnector _connector;

    public ProtocolSniffer(IHttpConnector connector) => _connector = connector;

    /// <summary>The TLS record the server answered a ClientHello with, described; null when it did not speak TLS.</summary>
    public async Task<string?> TlsAnswerAsync(HttpConnectRequest target, string host, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(MaxWait);
        var tap = new StreamTap();
        try
        {
            var connection = await _connector.ConnectAsync(target with { ConnectTimeout = Min(target.ConnectTimeout) }, cts.Token).ConfigureAwait(false);
            await using var ssl = new SslStream(new ObservedStream(connection.Stream, tap), leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
            }, cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Judged by the bytes that came back, below.
        }
        return WireBytes.LooksLikeTls(tap.FirstBytes) ? WireBytes.DescribeTls(tap.FirstBytes) : null;
    }

    /// <summary>The status line a plain HEAD request got; null when the server did not answer in plain HTTP.</summary>
    public async Task<string?> PlainHttpAnswerAsync(HttpConnectRequest target, string host, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(MaxWait);
        var tap = new StreamTap();
        try
        {
            var connection = await _connector.ConnectAsync(target with { ConnectTimeout = Min(target.ConnectTimeout) }, cts.Token).ConfigureAwait(false);
            await using var stream = new ObservedStream(connection.Stream, tap);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HEAD / HTTP/1.0\r\nHost: {host}\r\n\r\n"), cts.Token).ConfigureAwait(false);
            var buffer = new byte[StreamTap.FirstBytesKept];
            var total = 0;
            while (total < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(total), cts.Token).ConfigureAwait(false);
                if (n == 0) break;
                total += n;
                if (Array.IndexOf(buffer, (byte)'\n', 0, total) >= 0) break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Judged by the bytes that came back, below.
        }
        var first = tap.FirstBytes;
        if (!WireBytes.LooksLikeHttpText(first)) return null;
        var text = Encoding.ASCII.GetString(first);
        var eol = text.IndexOfAny(['\r', '\n']);
        return WireBytes.Printable(first[..(eol < 0 ? first.Length : eol)]);
    }

    private static TimeSpan Min(TimeSpan t) => t < MaxWait ? t : MaxWait;
}
