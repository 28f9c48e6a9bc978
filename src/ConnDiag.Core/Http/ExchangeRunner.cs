using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using ConnDiag.Http.Transport;
using ConnDiag.Secrets;

namespace ConnDiag.Http;

/// <summary>
/// Runs one hop: a fresh SocketsHttpHandler whose connect callback dials the pinned (or resolved) address and
/// taps the socket, whose plaintext filter marks the end of TLS, then the request, the headers and a capped
/// body read. Automatic redirects, decompression, cookies and proxies are off unless asked for: the probe
/// wants to see what the server did, not what a client library made of it.
/// </summary>
internal sealed class ExchangeRunner
{
    private static readonly HashSet<string> ContentHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Language", "Content-Encoding", "Content-Disposition", "Content-Location",
        "Content-MD5", "Content-Range", "Expires", "Last-Modified",
    };

    private readonly HttpProbeOptions _options;
    private readonly CertificateTrust _trust;
    private readonly IHttpConnector _connector;
    private readonly ProtocolSniffer? _sniffer;

    public ExchangeRunner(HttpProbeOptions options, CertificateTrust trust, IHttpConnector connector, SecretMasker masker)
    {
        _options = options;
        _trust = trust;
        _connector = connector;
        Masker = masker;
        // Through a proxy a second direct connection would test something else: no sniffing then.
        _sniffer = options.Proxy is null ? new ProtocolSniffer(connector) : null;
    }

    public SecretMasker Masker { get; }

    public async Task<HopOutcome> RunAsync(HopRequest hop, CancellationToken cancellationToken)
    {
        var secure = hop.Uri.Scheme == Uri.UriSchemeHttps;
        var trace = new ConnectionTrace(secure);
        using var handler = CreateHandler(trace, hop);
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = BuildRequest(hop, out var sentHeaders);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var label = $"{hop.Method} {Masker.MaskUri(hop.Uri)}";

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            trace.OnHeaders();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var connectFailure = ExchangeFailures.Find<HttpConnectException>(ex);
            var phase = connectFailure?.Phase ?? trace.CurrentPhase;
            if (connectFailure is { Phase: HttpPhase.Connect or HttpPhase.Proxy }) trace.OnResolved(connectFailure.DnsMs);
            if (connectFailure is { Phase: HttpPhase.Proxy, ProxyConnectMs: { } proxyConnectMs }) trace.OnConnectedToProxy(proxyConnectMs);
            trace.OnEnd();
            var failure = await ExchangeFailures.BeforeResponseAsync(ex, Context(label, secure, trace, phase, timeout, hop), cancellationToken).ConfigureAwait(false);
            var exchange = Record(hop, trace, secure, sentHeaders, request.Version, null, null, failure);
            return new HopOutcome(exchange, failure, null, null, null);
        }

        using (response)
        {
            var read = await ReadBodyAsync(hop, response, timeout.Token).ConfigureAwait(false);
            trace.OnEnd();
            cancellationToken.ThrowIfCancellationRequested();
            ExchangeFailure? failure = null;
            if (read.Error is { } error)
            {
                failure = ExchangeFailures.DuringBody(error, Context(label, secure, trace, HttpPhase.Transfer, timeout, hop),
                    read.BytesRead, response.Content.Headers.ContentLength);
            }
            var exchange = Record(hop, trace, secure, sentHeaders, response.Version, response, read, failure);
            var redirect = failure is null ? RedirectTarget(hop.Uri, response) : null;
            return new HopOutcome(exchange, failure, redirect, read.Kept, response.Content.Headers.ContentType?.CharSet);
        }
    }

    private FailureContext Context(string label, bool secure, ConnectionTrace trace, HttpPhase phase, CancellationTokenSource timeout, HopRequest hop) =>
        new(label, secure, trace, phase, timeout.IsCancellationRequested, _options.Timeout, _options.MaxResponseHeadersKiB, _sniffer,
            new HttpConnectRequest(HttpText.BareHost(hop.Uri), hop.Uri.Port, hop.Pin, _options.Family, ConnectTimeout),
            HttpText.BareHost(hop.Uri), Masker, _options.Proxy is not null);

    private TimeSpan ConnectTimeout => _options.ConnectTimeout < _options.Timeout ? _options.ConnectTimeout : _options.Timeout;

    private SocketsHttpHandler CreateHandler(ConnectionTrace trace, HopRequest hop)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = _options.Proxy is not null,
            Proxy = _options.Proxy,
            PreAuthenticate = false,
            MaxConnectionsPerServer = 1,
            PooledConnectionLifetime = TimeSpan.FromSeconds(1),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1),
            MaxResponseHeadersLength = _options.MaxResponseHeadersKiB,
            // Never read past what the probe asked for: no draining of an unread (endless) body for reuse.
            MaxResponseDrainSize = 0,
            ResponseDrainTimeout = TimeSpan.Zero,
            ConnectTimeout = Timeout.InfiniteTimeSpan,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => _trust.Validate(trace, certificate, chain, errors);
        handler.ConnectCallback = (context, token) => ConnectAsync(context, token, trace, hop);
        handler.PlaintextStreamFilter = (context, _) =>
        {
            trace.OnSecured(context.PlaintextStream is SslStream);
            if (context.PlaintextStream is SslStream ssl)
            {
                trace.TlsProtocol = ssl.SslProtocol.ToString();
                trace.CipherSuite = ssl.NegotiatedCipherSuite.ToString();
                var alpn = ssl.NegotiatedApplicationProtocol.ToString();
                trace.Alpn = alpn.Length > 0 ? alpn : null;
            }
            return ValueTask.FromResult<Stream>(new ObservedStream(context.PlaintextStream, trace.Plain));
        };
        return handler;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken token, ConnectionTrace trace, HopRequest hop)
    {
        if (trace.OnConnectStarted() > 1) throw new SecondConnectionException();
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var port = context.DnsEndPoint.Port;
        // The pin belongs to the URL's own authority; a proxy's address is resolved as usual.
        var pinned = hop.Pin is not null && port == hop.Uri.Port && string.Equals(host, HttpText.BareHost(hop.Uri), StringComparison.OrdinalIgnoreCase);
        var connection = await _connector.ConnectAsync(
            new HttpConnectRequest(host, port, pinned ? hop.Pin : null, _options.Family, ConnectTimeout), token).ConfigureAwait(false);
        trace.OnResolved(connection.DnsMs);
        trace.OnConnected(connection.RemoteEndPoint, connection.TunnelMs);
        return new ObservedStream(connection.Stream, trace.Raw);
    }

    private HttpRequestMessage BuildRequest(HopRequest hop, out List<HttpHeaderField> sent)
    {
        // User info in the URL is never sent: credentials go in headers, where they are masked and scoped.
        var target = hop.Uri.UserInfo.Length > 0 ? new UriBuilder(hop.Uri) { UserName = "", Password = "" }.Uri : hop.Uri;
        var request = new HttpRequestMessage(new HttpMethod(hop.Method), target)
        {
            Version = _options.HttpVersion,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        HttpContent? content = hop.Body is { } body ? new ReadOnlyMemoryContent(body) : null;
        sent = [];
        foreach (var h in hop.Headers)
        {
            if (h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            if (ContentHeaders.Contains(h.Name))
            {
                content ??= new ByteArrayContent([]);
                content.Headers.TryAddWithoutValidation(h.Name, h.Value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(h.Name, h.Value);
            }
            sent.Add(new HttpHeaderField(h.Name, Masker.MaskHeader(h.Name, h.Value)));
        }
        if (!hop.Headers.Any(h => h.Name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            sent.Add(new HttpHeaderField("User-Agent", _options.UserAgent));
        }
        request.Content = content;
        return request;
    }

    private async Task<BodyRead> ReadBodyAsync(HopRequest hop, HttpResponseMessage response, CancellationToken token)
    {
        if (hop.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase)) return new BodyRead(0, false, [], hop.KeepBody ? [] : null, null);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await BodyReader.ReadAsync(stream, _options.MaxBodyBytes, _options.BodyPreviewBytes, hop.KeepBody, token, _options.OnBodyRead).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Judged by the caller, which knows whether its own token or the timeout fired.
            return new BodyRead(0, false, [], null, ex);
        }
    }

    private HttpExchange Record(HopRequest hop, ConnectionTrace trace, bool secure, IReadOnlyList<HttpHeaderField> sent, Version version,
        HttpResponseMessage? response, BodyRead? body, ExchangeFailure? failure)
    {
        var masked = Masker.MaskPathAndQuery(hop.Uri.PathAndQuery);
        var requestLine = $"{hop.Method} {masked} HTTP/{HttpText.Version(version)}";
        var headers = response is null ? [] : ResponseHeaders(response);
        var location = response?.Headers.NonValidated.TryGetValues("Location", out var loc) == true
            ? Masker.MaskText(MaskLocation(hop.Uri, loc.ToString()))
            : null;
        return new HttpExchange(
            Masker.MaskUri(hop.Uri),
            requestLine,
            sent,
            hop.DroppedHeaders,
            trace.RemoteEndPoint?.Address,
            trace.RemoteEndPoint?.Port,
            response is null ? null : (int)response.StatusCode,
            response?.ReasonPhrase,
            response is null ? null : HttpText.Version(response.Version),
            headers,
            response?.Content.Headers.ContentLength,
            body?.BytesRead ?? 0,
            body?.Truncated ?? false,
            body is null ? null : BodyPreview.Create(body.Preview, response!.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet, Masker),
            location,
            response is null ? null : RetryAfter.Seconds(response),
            secure ? TlsInfo(hop, trace) : null,
            trace.ToPhases(failure?.Phase),
            failure?.Phase,
            failure?.Error,
            trace.Raw.BytesRead,
            trace.Raw.BytesWritten);
    }

    private HttpTlsInfo TlsInfo(HopRequest hop, ConnectionTrace trace) => new(
        trace.TlsProtocol,
        trace.CipherSuite,
        trace.Alpn,
        hop.Uri.HostNameType == UriHostNameType.Dns ? hop.Uri.IdnHost : null,
        _trust.Mode,
        trace.CertificateSubject,
        trace.CertificateIssuer,
        trace.CertificateRejection);

    private List<HttpHeaderField> ResponseHeaders(HttpResponseMessage response)
    {
        var list = new List<HttpHeaderField>();
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            foreach (var v in values) list.Add(new HttpHeaderField(name, Masker.MaskHeader(name, v)));
        }
        foreach (var (name, values) in response.Content.Headers.NonValidated)
        {
            foreach (var v in values) list.Add(new HttpHeaderField(name, Masker.MaskHeader(name, v)));
        }
        return list;
    }

    private string MaskLocation(Uri baseUri, string location) =>
        Uri.TryCreate(baseUri, location, out var absolute) ? Masker.MaskUri(absolute) : Masker.MaskText(location);

    private static Uri? RedirectTarget(Uri current, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is not (301 or 302 or 303 or 307 or 308)) return null;
        if (!response.Headers.NonValidated.TryGetValues("Location", out var values)) return null;
        var raw = values.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(raw) || !Uri.TryCreate(current, raw.Trim(), out var next)) return null;
        return next.Scheme is "http" or "https" ? next : null;
    }
}
