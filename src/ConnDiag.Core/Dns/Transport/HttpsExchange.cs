using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Dns.Transport;

/// <summary>
/// One query over DNS over HTTPS (RFC 8484): POST of the wire message as <c>application/dns-message</c>, or
/// GET with <c>?dns=</c> and the message in base64url without padding (the client switches to GET after a
/// 405). Only a 200 with a DNS message body counts as an answer; any other status is the attempt's error.
/// Each attempt opens its own connection, so its time includes connect and TLS, like every other attempt.
/// </summary>
internal static class HttpsExchange
{
    public const string MediaType = "application/dns-message";

    /// <summary>Cap on response headers (KiB): a DoH answer needs a few hundred bytes of them.</summary>
    private const int MaxHeaderKiB = 64;

    public static async Task<ExchangeResult> RunAsync(
        Uri url, bool useGet, byte[] query, ushort id, DnsQuestion question, HttpsSettings settings, int maxResponseBytes, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var ignored = new IgnoredResponses();
        string? tlsProblem = null;
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = settings.UseProxy,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = timeout,
            MaxResponseHeadersLength = MaxHeaderKiB,
            PooledConnectionLifetime = TimeSpan.Zero,
        };
        // The exchange opens its own connection and closes it at the end: disposing the handler alone left
        // HTTP/2 connections open (one descriptor per DoH attempt, found by the fd test).
        var opened = new List<Socket>();
        handler.ConnectCallback = async (context, token) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            lock (opened) opened.Add(socket);
            await socket.ConnectAsync(context.DnsEndPoint, token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            if (errors == SslPolicyErrors.None) return true;
            if (CertificateTrust.Accept(certificate, chain, errors, settings.TrustedCertificates, out var problem)) return true;
            tlsProblem = problem;
            return false;
        };
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        using var request = useGet
            ? new HttpRequestMessage(HttpMethod.Get, WithDnsParameter(url, query))
            : new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(query) };
        if (!useGet) request.Content!.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status != 200)
            {
                return ExchangeResult.Failed(DnsAttemptOutcome.HttpError,
                    string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase} from {(useGet ? "GET" : "POST")}"), ignored, status);
            }
            var type = response.Content.Headers.ContentType?.MediaType;
            if (!string.Equals(type, MediaType, StringComparison.OrdinalIgnoreCase))
            {
                return ExchangeResult.Failed(DnsAttemptOutcome.HttpError,
                    $"HTTP 200 with content type '{type ?? "(none)"}' instead of {MediaType} (a captive portal or a proxy's page?)", ignored, status);
            }
            var body = await ReadCappedAsync(response.Content, maxResponseBytes, deadline.Token).ConfigureAwait(false);
            if (body is null)
            {
                return ExchangeResult.Failed(DnsAttemptOutcome.Malformed,
                    string.Create(CultureInfo.InvariantCulture, $"the response body is larger than the {maxResponseBytes}-byte cap"), ignored, status);
            }
            DnsMessage message;
            try
            {
                message = DnsMessage.Parse(body);
            }
            catch (DnsFormatException ex)
            {
                return ExchangeResult.Failed(DnsAttemptOutcome.Malformed, ex.Message, ignored, status);
            }
            if (ResponseMatcher.Mismatch(message, id, question) is { } mismatch)
            {
                // One request, one response: a mismatch here cannot be followed by the right answer.
                ignored.Add(mismatch);
                return ExchangeResult.Failed(DnsAttemptOutcome.Malformed, "the response does not answer the query: " + mismatch, ignored, status);
            }
            return ExchangeResult.Received(message, body.Length, ignored) with { HttpStatus = status };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ExchangeResult.Failed(DnsAttemptOutcome.Timeout, UdpExchange.TimeoutText(timeout), ignored);
        }
        catch (HttpRequestException ex)
        {
            var (outcome, error) = Classify(ex, tlsProblem);
            return ExchangeResult.Failed(outcome, error, ignored);
        }
        finally
        {
            lock (opened)
            {
                foreach (var socket in opened) socket.Dispose();
            }
        }
    }

    /// <summary>RFC 8484 §4.1: the dns parameter is base64url without padding.</summary>
    internal static Uri WithDnsParameter(Uri url, byte[] query)
    {
        var encoded = Convert.ToBase64String(query).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var builder = new UriBuilder(url);
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? "dns=" + encoded : existing + "&dns=" + encoded;
        return builder.Uri;
    }

    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, int cap, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } announced && announced > cap) return null;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[cap + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            read += n;
        }
        return read > cap ? null : buffer.AsSpan(0, read).ToArray();
    }

    private static (DnsAttemptOutcome, string) Classify(HttpRequestException ex, string? tlsProblem)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AuthenticationException auth:
                    return (DnsAttemptOutcome.TlsError, "TLS handshake failed: " + (tlsProblem ?? auth.Message));
                case SocketException s:
                    return SocketErrors.Classify(s, DnsTransport.Tcp);
            }
        }
        if (ex.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return (DnsAttemptOutcome.NetworkError, "the DoH server's host name could not be resolved by the system resolver: " + ex.Message);
        }
        return (DnsAttemptOutcome.NetworkError, ex.Message);
    }
}

/// <summary>The DoH-only settings: extra trusted roots (a test or corporate CA) and whether to use the system proxy.</summary>
internal sealed record HttpsSettings(X509Certificate2Collection? TrustedCertificates, bool UseProxy);
