using System.Net;
using System.Text.Json.Serialization;

namespace ConnDiag.Http;

/// <summary>
/// One request and its response on one fresh connection: a hop of a redirect chain, or a CORS preflight.
/// Every secret in it is masked (see <see cref="Secrets.SecretMasker"/>).
/// </summary>
/// <param name="Uri">The URL requested (user-info password and secret query values masked).</param>
/// <param name="RequestLine">What went on the wire first, e.g. <c>GET /v1/models HTTP/1.1</c>.</param>
/// <param name="RequestHeaders">The headers sent, masked.</param>
/// <param name="DroppedHeaders">Names of credential headers deliberately not sent on this hop (a redirect to another host).</param>
/// <param name="RemoteAddress">The address connected to (the proxy's when one is used); null when no connection was made.</param>
/// <param name="RemotePort">The port connected to, or null.</param>
/// <param name="StatusCode">The response status, or null when no response arrived.</param>
/// <param name="ReasonPhrase">The status line's reason phrase (HTTP/1.x), or null.</param>
/// <param name="HttpVersion">The response's protocol version (<c>1.1</c>, <c>2.0</c>), or null.</param>
/// <param name="ResponseHeaders">Response headers, including content headers, in order; secret values masked.</param>
/// <param name="ContentLength">The announced Content-Length, or null.</param>
/// <param name="BodyBytesRead">Body bytes read (at most the cap; never more is buffered).</param>
/// <param name="BodyTruncated">True when the body went on past the cap and reading stopped there.</param>
/// <param name="BodyPreview">The start of the body as text when it is textual, masked; null for binary or empty bodies.</param>
/// <param name="Location">The Location header of a redirect, masked; null otherwise.</param>
/// <param name="RetryAfterSeconds">Retry-After as seconds (from seconds or an HTTP date), or null.</param>
/// <param name="Tls">The TLS facts of an https exchange, or null for http.</param>
/// <param name="Phases">Where the time went.</param>
/// <param name="FailedPhase">The phase the exchange failed in, or null when it completed.</param>
/// <param name="Error">What went wrong, in words (masked), or null.</param>
/// <param name="WireBytesRead">Bytes read from the socket, TLS records and headers included.</param>
/// <param name="WireBytesSent">Bytes written to the socket.</param>
public sealed record HttpExchange(
    string Uri,
    string RequestLine,
    IReadOnlyList<HttpHeaderField> RequestHeaders,
    IReadOnlyList<string> DroppedHeaders,
    IPAddress? RemoteAddress,
    int? RemotePort,
    int? StatusCode,
    string? ReasonPhrase,
    string? HttpVersion,
    IReadOnlyList<HttpHeaderField> ResponseHeaders,
    long? ContentLength,
    long BodyBytesRead,
    bool BodyTruncated,
    string? BodyPreview,
    string? Location,
    double? RetryAfterSeconds,
    HttpTlsInfo? Tls,
    HttpPhases Phases,
    HttpPhase? FailedPhase,
    string? Error,
    long WireBytesRead,
    long WireBytesSent)
{
    /// <summary>True when a status line and headers arrived (in JSON: <c>statusCode</c> is not null).</summary>
    [JsonIgnore]
    public bool HasResponse => StatusCode is not null;

    /// <summary>The values of one response header (case-insensitive name), in order.</summary>
    public IEnumerable<string> HeaderValues(string name) =>
        ResponseHeaders.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public override string ToString() => StatusCode is { } s ? $"{RequestLine} -> {s} {ReasonPhrase}" : $"{RequestLine} -> {Error}";
}
