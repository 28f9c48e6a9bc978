using System.Diagnostics;
using System.Net;

namespace ConnDiag.Http.Transport;

/// <summary>
/// The marks and facts of the one connection an exchange makes, on one monotonic clock started when the
/// request is handed to the handler. Filled from the handler's callbacks (connect, plaintext filter,
/// certificate validation) and the streams' taps; turned into <see cref="HttpPhases"/> afterwards.
/// </summary>
internal sealed class ConnectionTrace
{
    private readonly long _t0 = Stopwatch.GetTimestamp();
    private readonly bool _expectTls;
    private int _connects;

    /// <param name="expectTls">An https request: the connection is ready only once TLS is up (through a proxy the
    /// handler also filters the plain proxy connection first, which must not count as ready).</param>
    public ConnectionTrace(bool expectTls) => _expectTls = expectTls;

    public StreamTap Raw { get; } = new();
    public StreamTap Plain { get; } = new();

    public double? DnsStartMs { get; private set; }
    public double? DnsEndMs { get; private set; }
    public double? ConnectedMs { get; private set; }
    public double? TunnelledMs { get; private set; }
    public double? SecuredMs { get; private set; }
    public double? HeadersMs { get; private set; }
    public double? EndMs { get; private set; }

    public IPEndPoint? RemoteEndPoint { get; set; }

    public string? TlsProtocol { get; set; }
    public string? CipherSuite { get; set; }
    public string? Alpn { get; set; }
    public string? CertificateSubject { get; set; }
    public string? CertificateIssuer { get; set; }

    /// <summary>Why the certificate was rejected; null when accepted or never seen.</summary>
    public string? CertificateRejection { get; set; }

    public double NowMs => Stopwatch.GetElapsedTime(_t0).TotalMilliseconds;

    /// <summary>Counts connects; the probe allows one, so a handler-internal retry cannot hide the first failure.</summary>
    public int OnConnectStarted()
    {
        DnsStartMs ??= NowMs;
        return Interlocked.Increment(ref _connects);
    }

    public void OnResolved(double dnsMs) => DnsEndMs = DnsStartMs + dnsMs;

    /// <param name="remote">The address connected to (the proxy's when tunnelled).</param>
    /// <param name="tunnelMs">How long the CONNECT exchange took at the end of the connect call; 0 without a tunnel.</param>
    public void OnConnected(IPEndPoint remote, double tunnelMs = 0)
    {
        var now = NowMs;
        ConnectedMs = Math.Max(DnsEndMs ?? 0, now - tunnelMs);
        TunnelledMs = now;
        RemoteEndPoint = remote;
    }

    /// <summary>A tunnel that failed after the proxy connection was made: connected at that mark, Proxy runs to the failure.</summary>
    public void OnConnectedToProxy(double connectMs) => ConnectedMs = (DnsEndMs ?? DnsStartMs ?? 0) + connectMs;

    /// <summary>The connection is ready for HTTP: after the TLS handshake, or at once (Tls = 0) without TLS.</summary>
    public void OnSecured(bool tls)
    {
        if (_expectTls && !tls) return;
        SecuredMs = tls ? NowMs : TunnelledMs ?? ConnectedMs ?? NowMs;
    }

    public void OnHeaders() => HeadersMs = NowMs;

    public void OnEnd() => EndMs ??= NowMs;

    /// <summary>The phase in progress now: the first whose end mark is missing.</summary>
    public HttpPhase CurrentPhase =>
        DnsEndMs is null ? HttpPhase.Dns
        : ConnectedMs is null ? HttpPhase.Connect
        : TunnelledMs is null ? HttpPhase.Proxy
        : SecuredMs is null ? HttpPhase.Tls
        : HeadersMs is null ? HttpPhase.Ttfb
        : HttpPhase.Transfer;

    /// <summary>Durations per phase; the phase in progress at <paramref name="failed"/> runs to the end mark.</summary>
    public HttpPhases ToPhases(HttpPhase? failed)
    {
        var end = EndMs ?? NowMs;
        double? Span(double? from, double? to, HttpPhase phase) =>
            from is null ? null
            : to is not null ? Math.Max(0, to.Value - from.Value)
            : failed == phase ? Math.Max(0, end - from.Value)
            : null;
        return new HttpPhases(
            Span(DnsStartMs, DnsEndMs, HttpPhase.Dns),
            Span(DnsEndMs, ConnectedMs, HttpPhase.Connect),
            Span(TunnelledMs, SecuredMs, HttpPhase.Tls),
            Span(SecuredMs, HeadersMs, HttpPhase.Ttfb),
            Span(HeadersMs, EndMs, HttpPhase.Transfer),
            end)
        {
            ProxyMs = Span(ConnectedMs, TunnelledMs, HttpPhase.Proxy),
        };
    }
}
