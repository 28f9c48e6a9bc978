using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;
using ConnDiag.Model;

namespace ConnDiag.Dns.Client;

/// <summary>
/// Everything one lookup of one name at one server established: every attempt, the accepted response
/// (header, sections, EDNS, size) and the findings (NXDOMAIN with its negative-cache time, SERVFAIL,
/// TIMEOUT, truncation with TCP blocked, ignored mismatched responses, ...).
/// </summary>
/// <param name="Name">The name asked, absolute (trailing dot).</param>
/// <param name="Type">The record type asked.</param>
/// <param name="Server">The server as given (<c>127.0.0.1:53</c>, <c>tcp://…</c>, <c>https://…</c>).</param>
/// <param name="Transport">Transport of the accepted response, or of the last attempt when none was accepted.</param>
/// <param name="ResponseCode">The full response code, or null when no response was accepted.</param>
/// <param name="Header">The accepted response's header (flags and counts), or null.</param>
/// <param name="Answers">Answer section.</param>
/// <param name="Authorities">Authority section (the SOA of a negative answer, delegations).</param>
/// <param name="Additionals">Additional section without the OPT record.</param>
/// <param name="Edns">The response's OPT record, or null when it had none.</param>
/// <param name="MessageSizeBytes">Size of the accepted response.</param>
/// <param name="Attempts">Every attempt in order, including retries, the TCP fallback and a DoH GET fallback.</param>
/// <param name="IgnoredResponses">Responses ignored over all attempts (a spoofing or middlebox signal).</param>
/// <param name="DurationMs">Wall time of the whole lookup.</param>
/// <param name="NegativeTtlSeconds">For NXDOMAIN and NODATA, how long the answer may be cached (RFC 2308); else null.</param>
/// <param name="Findings">What went wrong; empty for a complete NOERROR answer with data.</param>
public sealed record DnsAnswer(
    string Name,
    DnsRecordType Type,
    string Server,
    DnsTransport Transport,
    DnsResponseCode? ResponseCode,
    DnsHeader? Header,
    IReadOnlyList<DnsRecord> Answers,
    IReadOnlyList<DnsRecord> Authorities,
    IReadOnlyList<DnsRecord> Additionals,
    DnsEdns? Edns,
    int? MessageSizeBytes,
    IReadOnlyList<DnsAttempt> Attempts,
    int IgnoredResponses,
    double DurationMs,
    uint? NegativeTtlSeconds,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>True when no finding has Error severity (an answer arrived, complete, and it is not an error code).</summary>
    public bool Succeeded => !OutcomeRules.HasError(Findings);

    /// <summary>The response code as dig writes it (NOERROR, NXDOMAIN), or the last attempt's outcome when nothing was accepted.</summary>
    public string Status =>
        ResponseCode is { } rc ? DnsNames.ResponseCodeText(rc)
        : Attempts.Count > 0 ? Attempts[^1].Outcome.ToString()
        : "NotSent";

    /// <summary>The header flags as dig prints them (<c>qr aa rd ra</c>), or null.</summary>
    public string? Flags => Header?.Flags;

    /// <summary>Time of the attempt whose response was accepted (the server's answer time), or null.</summary>
    public double? ResponseMs => Attempts.LastOrDefault(a => a.Outcome is DnsAttemptOutcome.Answered or DnsAttemptOutcome.Truncated)?.DurationMs;
}
