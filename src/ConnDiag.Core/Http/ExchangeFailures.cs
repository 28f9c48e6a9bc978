using System.Net.Http;
using ConnDiag.Findings;
using ConnDiag.Http.Transport;
using ConnDiag.Model;
using ConnDiag.Secrets;

namespace ConnDiag.Http;

/// <summary>What the exchange runner knows when a request fails, for <see cref="ExchangeFailures"/> to judge.</summary>
internal sealed record FailureContext(
    string Label,
    bool Secure,
    ConnectionTrace Trace,
    HttpPhase Phase,
    bool TimedOut,
    TimeSpan Timeout,
    int MaxHeadersKiB,
    ProtocolSniffer? Sniffer,
    HttpConnectRequest SniffTarget,
    string Host,
    SecretMasker Masker,
    bool Proxied);

/// <summary>A failed exchange: where it failed, in words, and the findings.</summary>
internal sealed record ExchangeFailure(HttpPhase Phase, string Error, IReadOnlyList<Finding> Findings);

/// <summary>
/// Turns a failed request into findings, from what the connection showed rather than from exception text:
/// the phase reached, the first bytes the server sent (TLS record or plain text), whether it closed or reset,
/// and, when the server gave nothing to judge by, a second question in the other protocol.
/// </summary>
/// <remarks>
/// A reset before any response byte is TCP.RESET: the server (or a middlebox) accepted the connection and then
/// aborted it, a transport event the connect-only TCP stage cannot see. Once response bytes have arrived, a
/// broken connection is HTTP.RESET: the server had started answering.
/// </remarks>
internal static class ExchangeFailures
{
    public static async Task<ExchangeFailure> BeforeResponseAsync(Exception error, FailureContext c, CancellationToken cancellationToken)
    {
        if (Find<HttpConnectException>(error) is { } connect)
        {
            return new ExchangeFailure(connect.Phase, c.Masker.MaskText(connect.Message), connect.Findings);
        }
        var message = Message(error, c);
        if (HasError(error, HttpRequestError.ProxyTunnelError))
        {
            // The proxy answered the CONNECT with something other than 200: no TLS was attempted at all.
            return Fail(HttpPhase.Tls, $"the proxy did not open the tunnel: {message}", FindingCodes.HttpProtocolError,
                $"{c.Label}: the proxy at {Endpoint(c)} did not open the CONNECT tunnel: {message}.",
                Evidence(c, $"the proxy answered: \"{WireBytes.Printable(c.Trace.Raw.FirstBytes)}\""),
                "Check the proxy's answer in the evidence: 407 needs proxy credentials, 403 is a proxy rule against this host, 502/504 mean the proxy could not reach it.");
        }
        return c.Phase switch
        {
            HttpPhase.Dns or HttpPhase.Connect or HttpPhase.Proxy => ConnectFailure(c, message),
            HttpPhase.Tls => await TlsFailureAsync(error, c, message, cancellationToken).ConfigureAwait(false),
            _ => await ResponseFailureAsync(error, c, message, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>The body broke off after the headers: a reset or early close (HTTP.RESET), or the timeout.</summary>
    public static ExchangeFailure DuringBody(Exception error, FailureContext c, long bodyBytes, long? contentLength)
    {
        var of = contentLength is { } cl ? $" of the {cl} announced" : "";
        if (c.TimedOut)
        {
            var text = $"the body did not finish within {HttpText.Seconds(c.Timeout)}: {bodyBytes} bytes read{of}";
            return Fail(HttpPhase.Transfer, text, FindingCodes.HttpTimeout, $"{c.Label}: {text}.", Evidence(c, text));
        }
        var how = c.Trace.Raw.WasReset || StreamTap.IsReset(error) ? "reset" : "closed";
        var message = Message(error, c);
        var summary = $"{c.Label}: the connection was {how} mid-response after {bodyBytes} body bytes{of}.";
        return Fail(HttpPhase.Transfer, $"connection {how} mid-response: {message}", FindingCodes.HttpReset, summary, Evidence(c, message));
    }

    private static ExchangeFailure ConnectFailure(FailureContext c, string message)
    {
        if (c.TimedOut)
        {
            var text = $"no TCP answer within {HttpText.Seconds(c.Timeout)}";
            return Fail(c.Phase, text, FindingCodes.TcpFiltered, $"{c.Label}: {text}.", Evidence(c, text));
        }
        return Fail(c.Phase, message, FindingCodes.TcpError, $"{c.Label}: the connection could not be made: {message}.", Evidence(c, message));
    }

    private static async Task<ExchangeFailure> TlsFailureAsync(Exception error, FailureContext c, string message, CancellationToken cancellationToken)
    {
        var t = c.Trace;
        // Through a proxy the first bytes on the socket are the proxy's answer to CONNECT, not the server's.
        var first = c.Proxied ? [] : t.Raw.FirstBytes.ToArray();
        if (first.Length > 0 && !WireBytes.LooksLikeTls(first))
        {
            var shown = WireBytes.Printable(first);
            if (WireBytes.LooksLikeHttpText(first))
            {
                return Fail(HttpPhase.Tls, "the server answered the TLS handshake in plain HTTP", FindingCodes.HttpPlaintextOnTlsPort,
                    $"{c.Label}: the server on {Endpoint(c)} answered the TLS ClientHello in plain HTTP.",
                    Evidence(c, $"first bytes received: \"{shown}\""));
            }
            return Fail(HttpPhase.Tls, "the server answered the TLS handshake with bytes that are not TLS", FindingCodes.HttpTlsFailed,
                $"{c.Label}: the server on {Endpoint(c)} does not speak TLS.",
                Evidence(c, $"first bytes received: \"{shown}\""));
        }
        if (t.CertificateRejection is { } why)
        {
            return Fail(HttpPhase.Tls, $"certificate rejected: {why}", FindingCodes.HttpTlsFailed,
                $"{c.Label}: the server certificate was rejected: {why}.",
                Evidence(c, $"subject {t.CertificateSubject}; issuer {t.CertificateIssuer}"));
        }
        if (t.Raw.BytesRead == 0 && c.Sniffer is not null)
        {
            var plain = await c.Sniffer.PlainHttpAnswerAsync(c.SniffTarget, c.Host, cancellationToken).ConfigureAwait(false);
            if (plain is not null)
            {
                return Fail(HttpPhase.Tls, "the server speaks plain HTTP, not TLS", FindingCodes.HttpPlaintextOnTlsPort,
                    $"{c.Label}: the server on {Endpoint(c)} speaks plain HTTP, not TLS.",
                    Evidence(c, $"the TLS ClientHello got no answer ({Silence(c)}); a plain HEAD request on a new connection got \"{plain}\""));
            }
        }
        if (t.Raw.BytesRead == 0 && (t.Raw.WasReset || StreamTap.IsReset(error)))
        {
            return Fail(HttpPhase.Tls, "connection reset during the TLS handshake", FindingCodes.TcpReset,
                $"{c.Label}: {Endpoint(c)} reset the connection during the TLS handshake, before sending anything.",
                Evidence(c, message));
        }
        if (c.TimedOut)
        {
            var text = $"the TLS handshake did not finish within {HttpText.Seconds(c.Timeout)}";
            return Fail(HttpPhase.Tls, text, FindingCodes.HttpTimeout, $"{c.Label}: {text}.", Evidence(c, text));
        }
        return Fail(HttpPhase.Tls, $"TLS handshake failed: {message}", FindingCodes.HttpTlsFailed,
            $"{c.Label}: the TLS handshake with {Endpoint(c)} failed: {message}.", Evidence(c, message));
    }

    private static async Task<ExchangeFailure> ResponseFailureAsync(Exception error, FailureContext c, string message, CancellationToken cancellationToken)
    {
        var t = c.Trace;
        var first = c.Proxied ? [] : t.Raw.FirstBytes.ToArray();
        if (!c.Secure && WireBytes.LooksLikeTls(first))
        {
            return Fail(HttpPhase.Ttfb, "the server answered in TLS", FindingCodes.HttpTlsOnPlainPort,
                $"{c.Label}: the server on {Endpoint(c)} expects TLS: it answered the plain request with {WireBytes.DescribeTls(first)}.",
                Evidence(c, message));
        }
        if (HasError(error, HttpRequestError.ConfigurationLimitExceeded))
        {
            var text = $"the response headers exceed the {c.MaxHeadersKiB} KiB limit";
            return Fail(HttpPhase.Ttfb, text, FindingCodes.HttpHeadersTooLarge, $"{c.Label}: {text}.", Evidence(c, message));
        }
        if (t.Plain.BytesRead == 0)
        {
            // A TLS server answers plain text at once (an alert, or a close); silence is not that, so no second question.
            if (!c.Secure && !c.TimedOut && c.Sniffer is not null)
            {
                var tls = await c.Sniffer.TlsAnswerAsync(c.SniffTarget, c.Host, cancellationToken).ConfigureAwait(false);
                if (tls is not null)
                {
                    return Fail(HttpPhase.Ttfb, "the server expects TLS", FindingCodes.HttpTlsOnPlainPort,
                        $"{c.Label}: the server on {Endpoint(c)} expects TLS, not plain HTTP.",
                        Evidence(c, $"the plain request got no answer ({Silence(c)}); a TLS ClientHello on a new connection got {tls}"));
                }
            }
            if (c.TimedOut)
            {
                var text = $"no response within {HttpText.Seconds(c.Timeout)} after the request was sent";
                return Fail(HttpPhase.Ttfb, text, FindingCodes.HttpTimeout, $"{c.Label}: {text}.", Evidence(c, text));
            }
            if (t.Raw.WasReset || t.Plain.WasReset || StreamTap.IsReset(error))
            {
                return Fail(HttpPhase.Ttfb, "connection reset before any response", FindingCodes.TcpReset,
                    $"{c.Label}: {Endpoint(c)} reset the connection after the request was sent, before any response byte.",
                    Evidence(c, message));
            }
            return Fail(HttpPhase.Ttfb, "the server closed the connection without a response", FindingCodes.HttpEmptyReply,
                $"{c.Label}: {Endpoint(c)} closed the connection without sending a response.", Evidence(c, message));
        }
        if (c.TimedOut)
        {
            var text = $"the response headers did not finish within {HttpText.Seconds(c.Timeout)}";
            return Fail(HttpPhase.Ttfb, text, FindingCodes.HttpTimeout, $"{c.Label}: {text}.", Evidence(c, text));
        }
        if (HasError(error, HttpRequestError.ResponseEnded) || t.Raw.WasReset || t.Plain.WasReset || StreamTap.IsReset(error))
        {
            var how = t.Raw.WasReset || t.Plain.WasReset || StreamTap.IsReset(error) ? "reset" : "closed";
            return Fail(HttpPhase.Ttfb, $"connection {how} before the response headers ended", FindingCodes.HttpReset,
                $"{c.Label}: the connection was {how} after {t.Plain.BytesRead} response bytes, before the headers ended.",
                Evidence(c, message));
        }
        var shown = WireBytes.Printable(t.Plain.FirstBytes);
        return Fail(HttpPhase.Ttfb, $"invalid HTTP response: {message}", FindingCodes.HttpProtocolError,
            $"{c.Label}: the answer from {Endpoint(c)} is not valid HTTP: {message}.",
            Evidence(c, $"first bytes received: \"{shown}\""));
    }

    private static ExchangeFailure Fail(HttpPhase phase, string error, string code, string summary, string evidence, string? remedy = null) =>
        new(phase, error, [FindingCatalog.Create(code, summary, evidence, remedy)]);

    private static string Evidence(FailureContext c, string detail) =>
        $"{detail}. Phases: {HttpText.Phases(c.Trace.ToPhases(c.Phase))}; {c.Trace.Raw.BytesWritten} bytes sent, {c.Trace.Raw.BytesRead} received.";

    private static string Endpoint(FailureContext c) =>
        c.Trace.RemoteEndPoint is { } ep ? Model.Target.Format(ep.Address.ToString(), ep.Port) : c.Host;

    private static string Silence(FailureContext c) =>
        c.TimedOut ? "silence" : c.Trace.Raw.WasReset ? "reset" : "closed";

    /// <summary>The exception chain in words, masked; the handler's retry guard is left out (it is not what happened).</summary>
    private static string Message(Exception error, FailureContext c)
    {
        var parts = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SecondConnectionException) continue;
            var m = e.Message.Trim().TrimEnd('.');
            if (m.Length > 0 && !m.Contains("see inner exception", StringComparison.OrdinalIgnoreCase) && !parts.Contains(m)) parts.Add(m);
        }
        if (Find<SecondConnectionException>(error) is not null)
        {
            parts.Insert(0, c.Trace.Raw.WasReset ? "the connection was reset" : c.Trace.Raw.Eof ? "the server closed the connection" : "the connection failed");
        }
        return c.Masker.MaskText(parts.Count > 0 ? string.Join(": ", parts) : error.GetType().Name);
    }

    private static bool HasError(Exception error, HttpRequestError code)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException hre && hre.HttpRequestError == code) return true;
            if (e is HttpIOException io && io.HttpRequestError == code) return true;
        }
        return false;
    }

    public static T? Find<T>(Exception error) where T : Exception
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is T t) return t;
        }
        return null;
    }
}

/// <summary>
/// Thrown from the connect callback when SocketsHttpHandler retries a request on a second connection after the
/// first one failed: the probe reports the first failure, as curl would, instead of letting it be hidden.
/// </summary>
internal sealed class SecondConnectionException : Exception
{
    public SecondConnectionException()
        : base("the HTTP handler tried a second connection after the first one failed")
    {
    }

    public SecondConnectionException(string message)
        : base(message)
    {
    }

    public SecondConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
