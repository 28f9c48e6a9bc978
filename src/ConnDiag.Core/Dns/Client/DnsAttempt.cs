using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Dns.Client;

/// <summary>One query sent to one server over one transport, and what came of it.</summary>
/// <param name="Number">1 for the first attempt of a lookup, counting retries and the TCP fallback.</param>
/// <param name="Server">Address and port (or DoH URL) the query went to.</param>
/// <param name="Transport">UDP, TCP or HTTPS.</param>
/// <param name="Method">For HTTPS, POST or GET; null otherwise.</param>
/// <param name="QueryId">The transaction id sent (fresh and random for every attempt).</param>
/// <param name="DurationMs">From sending (connecting, for TCP and HTTPS) to the verdict.</param>
/// <param name="Outcome">Answered, Truncated, Timeout, ConnectionRefused, ...</param>
/// <param name="Error">What went wrong, in words; null when answered.</param>
/// <param name="ResponseCode">The response's code, when a response was accepted.</param>
/// <param name="ResponseSizeBytes">Size of the accepted response.</param>
/// <param name="IgnoredResponses">Responses that arrived but were ignored (wrong id or question, malformed).</param>
/// <param name="IgnoredReasons">Why each was ignored (the first few).</param>
/// <param name="HttpStatus">For HTTPS, the HTTP status received.</param>
public sealed record DnsAttempt(
    int Number,
    string Server,
    DnsTransport Transport,
    string? Method,
    ushort QueryId,
    double DurationMs,
    DnsAttemptOutcome Outcome,
    string? Error,
    DnsResponseCode? ResponseCode,
    int? ResponseSizeBytes,
    int IgnoredResponses,
    IReadOnlyList<string> IgnoredReasons,
    int? HttpStatus);
