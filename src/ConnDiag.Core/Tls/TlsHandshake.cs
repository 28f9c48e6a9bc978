using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ConnDiag.Tcp;

namespace ConnDiag.Tls;

/// <summary>
/// One TCP connect and one TLS handshake to one address. The validation callback copies the certificates
/// the server sent and accepts them, so the handshake completes (and reports protocol, cipher and ALPN)
/// whatever the chain looks like; <see cref="ChainAnalyzer"/> judges the chain afterwards. Connect and
/// handshake each get the timeout, and a handshake that overruns is aborted by closing the socket, so a
/// server that accepts and never answers costs the timeout, never a hang.
/// </summary>
internal static class TlsHandshake
{
    private static readonly List<SslApplicationProtocol> OfferedAlpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    public static async Task<HandshakeResult> RunAsync(
        IPEndPoint endpoint, string serverName, SslProtocols protocols, X509ChainPolicy chainPolicy, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Socket socket;
        try
        {
            socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        }
        catch (SocketException ex)
        {
            return Unconnected(endpoint, SocketErrorClassifier.Classify(ex.SocketErrorCode), 0, ex.SocketErrorCode,
                "could not create a socket: " + SocketErrorClassifier.Describe(ex.SocketErrorCode));
        }

        var connectWatch = Stopwatch.StartNew();
        using (var connectCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connectCts.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(endpoint, connectCts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                return Unconnected(endpoint, TcpPortState.Filtered, connectWatch.Elapsed.TotalMilliseconds, null,
                    string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s"));
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                return Unconnected(endpoint, SocketErrorClassifier.Classify(ex.SocketErrorCode), connectWatch.Elapsed.TotalMilliseconds,
                    ex.SocketErrorCode, SocketErrorClassifier.Describe(ex.SocketErrorCode));
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        var tcp = new TcpAttempt(endpoint.Address, endpoint.Port, TcpPortState.Open, connectWatch.Elapsed.TotalMilliseconds, null, "handshake completed");
        return await HandshakeAsync(new NetworkStream(socket, ownsSocket: true), socket, new HandshakeResult { Endpoint = endpoint, Tcp = tcp },
            serverName, protocols, chainPolicy, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The handshake over a connection opened elsewhere (a tunnel through a proxy), which this call owns and closes.
    /// <paramref name="via"/> is the address actually connected to (the proxy's) and <paramref name="connectMs"/> the time it took.
    /// </summary>
    public static Task<HandshakeResult> RunOverAsync(
        Stream transport, IPEndPoint via, double connectMs, string serverName, SslProtocols protocols, X509ChainPolicy chainPolicy,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var tcp = new TcpAttempt(via.Address, via.Port, TcpPortState.Open, connectMs, null, "tunnel open");
        return HandshakeAsync(transport, transport, new HandshakeResult { Endpoint = via, Tcp = tcp },
            serverName, protocols, chainPolicy, timeout, cancellationToken);
    }

    private static async Task<HandshakeResult> HandshakeAsync(
        Stream transport, IDisposable abortable, HandshakeResult result, string serverName, SslProtocols protocols, X509ChainPolicy chainPolicy,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var recorder = new RecordingStream(transport);
        await using var ssl = new SslStream(recorder, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            EnabledSslProtocols = protocols,
            ApplicationProtocols = OfferedAlpn,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            // The platform validates in the handshake anyway; with ConnDiag's policy its verdict (PolicyErrors)
            // matches the configured trust, and no intermediate is downloaded behind the report's back.
            CertificateChainPolicy = chainPolicy,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                Capture(result, certificate, chain, errors);
                return true;
            },
            LocalCertificateSelectionCallback = (_, _, _, remote, _) =>
            {
                // Called with the server's certificate only when the server sent a CertificateRequest.
                if (remote is not null) result.ClientCertificateRequested = true;
                return null!;
            },
        };

        using var handshakeCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        handshakeCts.CancelAfter(timeout);
        // Belt and braces: closing the socket ends any read the token does not reach.
        using var abort = handshakeCts.Token.Register(static s => ((IDisposable)s!).Dispose(), abortable);
        var watch = Stopwatch.StartNew();
        try
        {
            await ssl.AuthenticateAsClientAsync(options, handshakeCts.Token).ConfigureAwait(false);
            result.HandshakeMs = watch.Elapsed.TotalMilliseconds;
            result.Completed = true;
            result.Protocol = TlsVersions.From(ssl.SslProtocol);
            result.CipherSuite = ssl.NegotiatedCipherSuite.ToString();
            var alpn = ssl.NegotiatedApplicationProtocol;
            result.Alpn = alpn.Protocol.IsEmpty ? null : alpn.ToString();
            if (result.ClientCertificateRequested && result.Protocol == TlsVersion.Tls13)
            {
                await CheckClientCertificateVerdictAsync(ssl, recorder, result, timeout, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The caller's cancellation may surface as an I/O error once the socket is closed under the handshake.
            cancellationToken.ThrowIfCancellationRequested();
            var timedOut = handshakeCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            result.HandshakeMs = watch.Elapsed.TotalMilliseconds;
            result.Failure = TlsFailure.Classify(ex, timedOut, timeout, recorder.FirstBytes, recorder.BytesRead, recorder.SawEndOfStream);
        }
        return result;
    }

    /// <summary>
    /// In TLS 1.3 the client finishes its handshake before the server judges the (missing) client certificate,
    /// so a server that requires one rejects the connection with an alert just after. Wait briefly for it.
    /// </summary>
    private static async Task CheckClientCertificateVerdictAsync(
        SslStream ssl, RecordingStream recorder, HandshakeResult result, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout < ClientCertificateVerdictWait ? timeout : ClientCertificateVerdictWait);
        var buffer = new byte[1];
        try
        {
            await ssl.ReadAsync(buffer, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No rejection: the client certificate is optional for this server.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failure = TlsFailure.Classify(ex, false, timeout, recorder.FirstBytes, recorder.BytesRead, recorder.SawEndOfStream);
            result.Completed = false;
            result.Failure = failure with { Detail = "the server requested a client certificate, none was sent, and it then rejected the connection: " + failure.Detail };
        }
    }

    private static readonly TimeSpan ClientCertificateVerdictWait = TimeSpan.FromSeconds(2);

    private static void Capture(HandshakeResult result, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // New references to the same native certificates (no re-parsing): the platform disposes its own
        // objects after the callback, these stay valid until the result is disposed.
        var sent = new List<X509Certificate2>();
        if (chain is not null)
        {
            foreach (var c in chain.ChainPolicy.ExtraStore) sent.Add(new X509Certificate2(c));
            result.PlatformChainStatus = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList();
        }
        if (certificate is not null && (sent.Count == 0 || !certificate.GetCertHash().AsSpan().SequenceEqual(sent[0].GetCertHash())))
        {
            // The extra store holds what the server sent, leaf first, on every platform tried; make sure of it.
            var leaf = new X509Certificate2(certificate);
            var i = sent.FindIndex(c => c.Thumbprint == leaf.Thumbprint);
            if (i > 0)
            {
                sent[i].Dispose();
                sent.RemoveAt(i);
            }
            sent.Insert(0, leaf);
        }
        foreach (var old in result.Certificates) old.Dispose();
        result.Certificates = sent;
        result.PolicyErrors = errors;
    }

    private static HandshakeResult Unconnected(IPEndPoint endpoint, TcpPortState state, double ms, SocketError? error, string detail) =>
        new() { Endpoint = endpoint, Tcp = new TcpAttempt(endpoint.Address, endpoint.Port, state, ms, error, detail) };
}
