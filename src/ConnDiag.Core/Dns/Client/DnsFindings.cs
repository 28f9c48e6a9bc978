using System.Globalization;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Dns.Client;

/// <summary>Turns one lookup's attempts and accepted response into DNS.* findings.</summary>
public static class DnsFindings
{
    internal static IReadOnlyList<Finding> Evaluate(
        DnsQuestion question, DnsServer server, DnsMessage? response, IReadOnlyList<DnsAttempt> attempts, bool tcpFallbackFailed, uint? negativeTtl, bool hasData)
    {
        var ignored = 0;
        foreach (var a in attempts) ignored += a.IgnoredResponses;
        // The common case costs nothing: a clean, complete answer with data (bulk lookups run this per name).
        if (response is not null && !tcpFallbackFailed && ignored == 0 && response.ResponseCode == DnsResponseCode.NoError
            && (hasData || response.Question.Type is DnsRecordType.ANY or DnsRecordType.CNAME))
        {
            return [];
        }

        var findings = new List<Finding>();
        var asked = $"{question.Name} {DnsNames.TypeText(question.Type)}";
        if (response is null)
        {
            findings.Add(NoResponse(asked, server, attempts));
        }
        else if (tcpFallbackFailed)
        {
            var tcp = attempts.Where(a => a.Transport == DnsTransport.Tcp).ToList();
            var why = tcp.Count > 0 ? tcp[^1].Error ?? tcp[^1].Outcome.ToString() : "no TCP attempt";
            findings.Add(FindingCatalog.Create(FindingCodes.DnsTruncatedTcpBlocked,
                $"{server.Address} answered {asked} truncated (TC=1) over UDP, and the same query over TCP failed: {why}.",
                AttemptLines(attempts) + $" The truncated answer held {response.Answers.Count} of the records; clients that need TCP get no complete answer."));
        }
        if (response is not null) AddResponseCode(findings, asked, server, response, negativeTtl, hasData);

        if (ignored > 0)
        {
            var reasons = attempts.SelectMany(a => a.IgnoredReasons).Take(IgnoredResponses.MaxKeptReasons).ToList();
            findings.Add(FindingCatalog.Create(FindingCodes.DnsMismatchedResponse,
                string.Create(CultureInfo.InvariantCulture, $"Ignored {ignored} response{(ignored == 1 ? "" : "s")} to {asked} from {server.Address} that did not match the query."),
                "Ignored: " + string.Join("; ", reasons) + "."));
        }
        return findings;
    }

    /// <summary>DNS.NO_SERVERS: nothing to ask (no -Server and no system server found), with the reason.</summary>
    public static Finding NoServers(string why) =>
        FindingCatalog.Create(FindingCodes.DnsNoServers, "No DNS server to ask: " + why, why);

    private static void AddResponseCode(List<Finding> findings, string asked, DnsServer server, DnsMessage response, uint? negativeTtl, bool hasData)
    {
        var rc = response.ResponseCode;
        var ede = response.Edns?.ExtendedErrors ?? [];
        var edeText = ede.Count == 0 ? "" : " " + string.Join("; ", ede) + ".";
        var header = $"{DnsNames.ResponseCodeText(rc)} with flags '{response.Header.Flags}'.";
        switch (rc)
        {
            case DnsResponseCode.NoError:
                if (response.Question.Type is DnsRecordType.ANY or DnsRecordType.CNAME) return;
                if (hasData) return;
                findings.Add(FindingCatalog.Create(FindingCodes.DnsNoData,
                    $"{response.Question.Name} exists but has no {DnsNames.TypeText(response.Question.Type)} record: {server.Address} answered NOERROR with no data{CacheText(negativeTtl)}.",
                    header + " " + NegativeEvidence(response, negativeTtl) + edeText));
                return;
            case DnsResponseCode.NXDomain:
                findings.Add(FindingCatalog.Create(FindingCodes.DnsNxDomain,
                    $"{response.Question.Name} does not exist: {server.Address} answered NXDOMAIN for {asked}{CacheText(negativeTtl)}.",
                    header + (response.Header.AuthoritativeAnswer ? " The answer is authoritative (AA)." : " The answer is not authoritative (no AA): it comes from a resolver's view or cache.")
                        + " " + NegativeEvidence(response, negativeTtl) + edeText));
                return;
            case DnsResponseCode.ServFail:
                findings.Add(FindingCatalog.Create(FindingCodes.DnsServFail,
                    $"{server.Address} failed to resolve {asked} (SERVFAIL){(ede.Count > 0 ? ": " + ede[0] : "")}.",
                    header + (ede.Count == 0 ? " No Extended DNS Error was given." : edeText)));
                return;
            case DnsResponseCode.Refused:
                findings.Add(FindingCatalog.Create(FindingCodes.DnsRefused,
                    $"{server.Address} refused to answer {asked} (REFUSED){(ede.Count > 0 ? ": " + ede[0] : "")}.",
                    header + (response.Header.RecursionAvailable ? "" : " The server offers no recursion (no RA): it answers only for zones it hosts.") + edeText));
                return;
            default:
                findings.Add(FindingCatalog.Create(FindingCodes.DnsServerError,
                    $"{server.Address} answered {asked} with {DnsNames.ResponseCodeText(rc)}.",
                    header + edeText));
                return;
        }
    }

    private static Finding NoResponse(string asked, DnsServer server, IReadOnlyList<DnsAttempt> attempts)
    {
        var lines = AttemptLines(attempts);
        var malformed = attempts.LastOrDefault(a => a.Outcome == DnsAttemptOutcome.Malformed);
        if (malformed is not null)
        {
            return FindingCatalog.Create(FindingCodes.DnsMalformedResponse,
                $"{server.Address} answered {asked} with a malformed message: {malformed.Error}.", lines);
        }
        var failure = attempts.LastOrDefault(a => a.Outcome != DnsAttemptOutcome.Timeout);
        if (failure is not null)
        {
            return FindingCatalog.Create(FindingCodes.DnsUnreachable,
                $"{server.Address} could not be reached over {failure.Transport.ToString().ToUpperInvariant()} for {asked}: {failure.Error}.", lines);
        }
        var transports = string.Join(" and ", attempts.Select(a => a.Transport.ToString().ToUpperInvariant()).Distinct());
        return FindingCatalog.Create(FindingCodes.DnsTimeout,
            string.Create(CultureInfo.InvariantCulture,
                $"No answer from {server.Address} for {asked}: {attempts.Count} attempt{(attempts.Count == 1 ? "" : "s")} over {transports} timed out."),
            lines);
    }

    /// <summary>True when the answer holds a record of the asked type at the end of its CNAME chain.</summary>
    internal static bool HasData(DnsMessage response)
    {
        var q = response.Question;
        var final = q.Name;
        foreach (var r in response.Answers)
        {
            if (r.Type == DnsRecordType.CNAME)
            {
                // Only answers with aliases pay for following the chain.
                final = CnameChain.Follow(q.Name, response.Answers).FinalName;
                break;
            }
        }
        foreach (var r in response.Answers)
        {
            if (r.Type == q.Type && DnsNames.NamesEqual(r.Name, final)) return true;
        }
        return false;
    }

    /// <summary>RFC 2308 §5: min(SOA TTL, SOA MINIMUM) of the SOA in the authority section; null when there is none.</summary>
    internal static uint? NegativeTtl(DnsMessage response, bool hasData)
    {
        if (response.ResponseCode is not (DnsResponseCode.NXDomain or DnsResponseCode.NoError)) return null;
        if (response.ResponseCode == DnsResponseCode.NoError && hasData) return null;
        foreach (var r in response.Authorities)
        {
            if (r is SoaRecord soa) return soa.NegativeTtlSeconds;
        }
        return null;
    }

    private static string CacheText(uint? negativeTtl) =>
        negativeTtl is { } t ? string.Create(CultureInfo.InvariantCulture, $"; resolvers may cache this negative answer for {t} s") : "";

    private static string NegativeEvidence(DnsMessage response, uint? negativeTtl)
    {
        var soa = response.Authorities.OfType<SoaRecord>().FirstOrDefault();
        return soa is null
            ? "No SOA in the authority section, so the negative answer carries no caching time (unusual for a real zone)."
            : string.Create(CultureInfo.InvariantCulture,
                $"SOA {soa.Name} in the authority section: TTL {soa.TtlSeconds} s, MINIMUM {soa.MinimumTtlSeconds} s; negative TTL = min of the two = {negativeTtl} s (RFC 2308).");
    }

    private static string AttemptLines(IReadOnlyList<DnsAttempt> attempts) =>
        string.Join(" ", attempts.Select(a => string.Create(CultureInfo.InvariantCulture,
            $"#{a.Number} {a.Transport.ToString().ToUpperInvariant()}{(a.Method is null ? "" : " " + a.Method)} {a.Server}: {a.Outcome} after {a.DurationMs:0.#} ms{(a.Error is null ? "" : " (" + a.Error + ")")}{(a.ResponseCode is { } rc ? " " + DnsNames.ResponseCodeText(rc) : "")}.")));
}
