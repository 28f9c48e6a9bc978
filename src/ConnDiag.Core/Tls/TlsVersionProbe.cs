using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using ConnDiag.Tcp;

namespace ConnDiag.Tls;

/// <summary>
/// Whether a server accepts one TLS version: send a ClientHello offering only that version and read the
/// ServerHello (or the alert), then hang up. For TLS 1.2 the clear-text Certificate message is kept too, so
/// a server that a restricted client cannot complete a handshake with still has its chain analysed.
/// </summary>
internal static class TlsVersionProbe
{
    /// <summary>Enough for a ServerHello and any real certificate chain; a larger first flight is not read further.</summary>
    public const int MaxBytes = 128 * 1024;

    /// <summary>Checks one version; never throws for network outcomes (only <see cref="OperationCanceledException"/> when cancelled).</summary>
    /// <param name="endpoint">The address and port to connect to.</param>
    /// <param name="serverName">SNI name (none is sent for an address).</param>
    /// <param name="version">The only version offered.</param>
    /// <param name="wantCertificates">Also read the TLS 1.2 Certificate message (when the main handshake did not get the chain).</param>
    /// <param name="timeout">Limit for the connect and the answer together.</param>
    /// <param name="cancellationToken">Ends the check at once.</param>
    public static async Task<(TlsProtocolCheck Check, IReadOnlyList<X509Certificate2> Certificates)> CheckAsync(
        IPEndPoint endpoint, string serverName, TlsVersion version, bool wantCertificates, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        // Pooled: a fresh 128 KB array per check would land on the large-object heap and cost a GC per sweep.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes);
        var received = 0;
        try
        {
            await socket.ConnectAsync(endpoint, cts.Token).ConfigureAwait(false);
            await socket.SendAsync(ClientHello.Build(version, serverName), SocketFlags.None, cts.Token).ConfigureAwait(false);
            while (received < MaxBytes)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(received, MaxBytes - received), SocketFlags.None, cts.Token).ConfigureAwait(false);
                if (n == 0) return (Refused(version, "the server closed the connection without a ServerHello"), []);
                received += n;
                if (ServerHelloReader.TryRead(buffer.AsSpan(0, received), wantCertificates && version != TlsVersion.Tls13) is { } answer)
                {
                    // Hang up at once (RST): nobody finishes this handshake, and no TIME_WAIT is left behind.
                    socket.LingerState = new LingerOption(true, 0);
                    return Judge(version, answer);
                }
            }
            return (Refused(version, $"no ServerHello in the first {MaxBytes / 1024} KB"), []);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Refused(version, string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s")), []);
        }
        catch (SocketException ex)
        {
            return (Refused(version, received == 0 ? SocketErrorClassifier.Describe(ex.SocketErrorCode) : "the server reset the connection: " + ex.SocketErrorCode), []);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (TlsProtocolCheck, IReadOnlyList<X509Certificate2>) Judge(TlsVersion version, ServerHelloAnswer answer)
    {
        if (answer.NotTls) return (Refused(version, "the server did not answer with TLS"), []);
        if (answer.Alert is { } alert) return (Refused(version, $"refused with the alert {TlsAlerts.Describe(alert)}"), []);
        if (answer.Version is not { } chosen) return (Refused(version, "the server answered with something other than a ServerHello"), []);
        if (chosen != version)
        {
            foreach (var c in answer.Certificates) c.Dispose();
            return (Refused(version, $"the server chose {TlsVersions.Name(chosen)} instead"), []);
        }
        var detail = answer.HelloRetry
            ? $"{answer.CipherSuite} (after a HelloRetryRequest for another key share)"
            : answer.CipherSuite ?? "accepted";
        return (new TlsProtocolCheck(version, true, detail), answer.Certificates);
    }

    private static TlsProtocolCheck Refused(TlsVersion version, string detail) => new(version, false, detail);
}
