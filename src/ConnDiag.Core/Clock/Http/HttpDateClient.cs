using System.Globalization;
using System.Net;
using System.Security.Authentication;

namespace ConnDiag.Clock.Http;

/// <summary>What one HEAD request for a <c>Date</c> header gave.</summary>
/// <param name="Answered">Response headers arrived (any status code).</param>
/// <param name="StatusCode">The HTTP status, when headers arrived.</param>
/// <param name="RawDate">The Date header as sent (null when absent), cut to a sane length.</param>
/// <param name="Date">The parsed Date header, when valid.</param>
/// <param name="SentAt">Local clock when the request was handed to the connection.</param>
/// <param name="RoundTripMs">From sending the request to having the response headers (includes connection setup).</param>
/// <param name="Detail">What went wrong, in words, when not answered.</param>
internal sealed record HttpDateExchange(
    bool Answered,
    int? StatusCode,
    string? RawDate,
    DateTimeOffset? Date,
    DateTimeOffset SentAt,
    double RoundTripMs,
    string Detail)
{
    /// <summary>The local time halfway through the exchange: the best local estimate of when the server wrote Date.</summary>
    public DateTimeOffset Midpoint => SentAt.AddTicks((long)(RoundTripMs / 2 * TimeSpan.TicksPerMillisecond));
}

/// <summary>
/// Reads a server's clock from the <c>Date</c> header of a HEAD response. No body is read, the headers are
/// capped, redirects are not followed (the redirect response has a Date too), and the whole request is
/// bounded by the timeout. The system proxy settings apply, as for any HTTP client on this machine.
/// </summary>
internal sealed class HttpDateClient
{
    private const int MaxResponseHeadersKb = 64;
    private readonly TimeProvider _clock;

    public HttpDateClient(TimeProvider clock) => _clock = clock;

    public async Task<HttpDateExchange> QueryAsync(Uri uri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxResponseHeadersLength = MaxResponseHeadersKb,
            ConnectTimeout = timeout,
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Head, uri);
        request.Headers.UserAgent.ParseAdd("ConnDiag/" + typeof(HttpDateClient).Assembly.GetName().Version?.ToString(3));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);

        var sentAt = _clock.GetUtcNow();
        var started = _clock.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            var roundTripMs = _clock.GetElapsedTime(started).TotalMilliseconds;
            string? raw = null;
            if (response.Headers.NonValidated.TryGetValues("Date", out var values))
            {
                raw = values.FirstOrDefault();
                if (raw is { Length: > HttpDate.MaxLength }) raw = raw[..HttpDate.MaxLength] + "…";
            }
            DateTimeOffset? date = HttpDate.TryParse(raw, out var parsed) ? parsed : null;
            return new HttpDateExchange(true, (int)response.StatusCode, raw, date, sentAt, roundTripMs, "answered");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return Failed(sentAt, started, $"no response headers from {uri} within {seconds} s");
        }
        catch (HttpRequestException ex)
        {
            var detail = $"HEAD {uri} failed: {Messages(ex)}";
            if (Has<AuthenticationException>(ex))
            {
                detail += " (a local clock that is far off makes valid certificates look expired or not yet valid: measure against an NTP server or an http:// URL instead)";
            }
            return Failed(sentAt, started, detail);
        }
    }

    private HttpDateExchange Failed(DateTimeOffset sentAt, long started, string detail) =>
        new(false, null, null, null, sentAt, _clock.GetElapsedTime(started).TotalMilliseconds, detail);

    /// <summary>The exception's message and its inner ones, without repeats ("see inner exception" says nothing).</summary>
    private static string Messages(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            var m = e.Message.Replace(" See the inner exception for details.", "", StringComparison.Ordinal)
                .Replace(", see inner exception.", "", StringComparison.Ordinal).Trim().TrimEnd('.');
            if (m.Length > 0 && !parts.Contains(m)) parts.Add(m);
        }
        return string.Join(": ", parts);
    }

    private static bool Has<T>(Exception ex) where T : Exception
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is T) return true;
        }
        return false;
    }
}
