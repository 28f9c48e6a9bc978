using System.Diagnostics;
using System.Globalization;
using System.Net;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;
using ConnDiag.Findings;

namespace ConnDiag.Dns.Client;

/// <summary>
/// The engine's resolve step (<see cref="IAddressResolver"/>) done with ConnDiag's own client against
/// given servers: A and AAAA asked in parallel, each server in turn until one answers NOERROR or
/// NXDOMAIN (a SERVFAIL, REFUSED, timeout or unreachable server moves on to the next), CNAME chains followed
/// within the answer and the final target asked again when the chain ends without addresses.
/// </summary>
public sealed class DnsServerAddressResolver : IAddressResolver
{
    /// <summary>Re-queries of a CNAME target before giving up (the chain inside each answer is followed for free).</summary>
    public const int MaxRequeries = 8;

    private readonly IReadOnlyList<DnsServer> _servers;
    private readonly DnsQueryOptions _options;

    public DnsServerAddressResolver(IReadOnlyList<DnsServer> servers, DnsQueryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        if (servers.Count == 0) throw new ArgumentException("at least one DNS server is needed", nameof(servers));
        _servers = servers;
        _options = options ?? new DnsQueryOptions();
        _options.Validate();
    }

    public async Task<AddressResolution> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Reads well in "lookup through the 127.0.0.1:53 resolver failed".
        var source = string.Join(", ", _servers.Select(s => s.Text));
        if (IPAddress.TryParse(host, out var literal)) return new AddressResolution([literal], 0, null, "literal");
        if (!DnsName.TryParse(host, out var name, out var nameError))
        {
            return new AddressResolution([], 0, "not a valid DNS name: " + nameError, source);
        }

        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        // One attempt may not outlast the whole resolution; retries still apply within it.
        var client = new DnsQueryClient(_options with { Timeout = timeout < _options.Timeout ? timeout : _options.Timeout });
        var v6 = ResolveFamilyAsync(client, name!, DnsRecordType.AAAA, deadline.Token);
        var v4 = ResolveFamilyAsync(client, name!, DnsRecordType.A, deadline.Token);
        FamilyResult six, four;
        try
        {
            six = await v6.ConfigureAwait(false);
            four = await v4.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AddressResolution([], clock.Elapsed.TotalMilliseconds,
                string.Create(CultureInfo.InvariantCulture, $"no answer from {string.Join(", ", _servers.Select(s => s.Text))} within {timeout.TotalSeconds:0.###} s"), source)
            { ErrorCode = FindingCodes.DnsTimeout };
        }

        // IPv6 first, as getaddrinfo's default policy (RFC 6724) orders global addresses.
        var addresses = six.Addresses.Concat(four.Addresses).Distinct().ToList();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (addresses.Count > 0) return new AddressResolution(addresses, elapsed, null, source);
        return new AddressResolution([], elapsed, Explain(name!.Text, four, six), source) { ErrorCode = Code(four, six) };
    }

    private async Task<FamilyResult> ResolveFamilyAsync(DnsQueryClient client, DnsName name, DnsRecordType type, CancellationToken cancellationToken)
    {
        var current = name;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { name.Text };
        DnsAnswer? last = null;
        for (var hop = 0; hop <= MaxRequeries; hop++)
        {
            last = await AskServersAsync(client, current, type, cancellationToken).ConfigureAwait(false);
            if (last.ResponseCode != DnsResponseCode.NoError) return new FamilyResult([], last, null);
            var chain = CnameChain.Follow(current.Text, last.Answers);
            if (chain.Loop) return new FamilyResult([], last, $"the CNAME chain from {name.Text} loops at {chain.FinalName}");
            var found = last.Answers
                .Where(r => DnsNames.NamesEqual(r.Name, chain.FinalName))
                .Select(r => r switch { ARecord a => a.Address, AaaaRecord a => a.Address, _ => null })
                .OfType<IPAddress>()
                .ToList();
            if (found.Count > 0 || chain.Links.Count == 0) return new FamilyResult(found, last, null);
            // The chain ends at a name this answer holds no data for: ask for the target itself.
            if (!seen.Add(chain.FinalName)) return new FamilyResult([], last, $"the CNAME chain from {name.Text} loops at {chain.FinalName}");
            if (!DnsName.TryParse(chain.FinalName, out var next, out _)) return new FamilyResult([], last, null);
            current = next!;
        }
        return new FamilyResult([], last, $"the CNAME chain from {name.Text} is longer than {MaxRequeries} lookups");
    }

    private async Task<DnsAnswer> AskServersAsync(DnsQueryClient client, DnsName name, DnsRecordType type, CancellationToken cancellationToken)
    {
        DnsAnswer? answer = null;
        foreach (var server in _servers)
        {
            answer = await client.QueryAsync(name, type, server, cancellationToken).ConfigureAwait(false);
            // NOERROR and NXDOMAIN are the zone's word; the next server would say the same.
            if (answer.ResponseCode is DnsResponseCode.NoError or DnsResponseCode.NXDomain) return answer;
        }
        return answer!;
    }

    private static string Explain(string name, FamilyResult four, FamilyResult six)
    {
        if ((four.Problem ?? six.Problem) is { } problem) return problem;
        var a = four.Answer!;
        var aaaa = six.Answer!;
        if (a.ResponseCode == DnsResponseCode.NXDomain || aaaa.ResponseCode == DnsResponseCode.NXDomain)
        {
            var nx = a.ResponseCode == DnsResponseCode.NXDomain ? a : aaaa;
            var ttl = nx.NegativeTtlSeconds is { } t ? string.Create(CultureInfo.InvariantCulture, $"; the answer may be cached for {t} s") : "";
            return $"NXDOMAIN from {nx.Server}: {name} does not exist{ttl}";
        }
        if (a.ResponseCode == DnsResponseCode.NoError && aaaa.ResponseCode == DnsResponseCode.NoError)
        {
            return $"NODATA: {name} exists but has no A or AAAA record ({a.Server})";
        }
        var failed = a.ResponseCode != DnsResponseCode.NoError ? a : aaaa;
        return failed.ResponseCode switch
        {
            DnsResponseCode.ServFail => $"SERVFAIL from {failed.Server}: the server failed to resolve {name}{Ede(failed)}",
            DnsResponseCode.Refused => $"REFUSED by {failed.Server}: the server will not answer for {name}{Ede(failed)}",
            { } other => $"{DnsNames.ResponseCodeText(other)} from {failed.Server} for {name}",
            null => Transport(failed),
        };
    }

    /// <summary>The finding code matching <see cref="Explain"/>, or null where only the text is precise (a CNAME loop).</summary>
    private static string? Code(FamilyResult four, FamilyResult six)
    {
        if ((four.Problem ?? six.Problem) is not null) return null;
        var a = four.Answer!;
        var aaaa = six.Answer!;
        if (a.ResponseCode == DnsResponseCode.NXDomain || aaaa.ResponseCode == DnsResponseCode.NXDomain) return FindingCodes.DnsNxDomain;
        if (a.ResponseCode == DnsResponseCode.NoError && aaaa.ResponseCode == DnsResponseCode.NoError) return FindingCodes.DnsNoData;
        var failed = a.ResponseCode != DnsResponseCode.NoError ? a : aaaa;
        return failed.ResponseCode switch
        {
            DnsResponseCode.ServFail => FindingCodes.DnsServFail,
            DnsResponseCode.Refused => FindingCodes.DnsRefused,
            { } => FindingCodes.DnsServerError,
            null => failed.Attempts.Count > 0 && failed.Attempts[^1].Outcome == DnsAttemptOutcome.Timeout ? FindingCodes.DnsTimeout : FindingCodes.DnsUnreachable,
        };
    }

    private static string Ede(DnsAnswer a) =>
        a.Edns?.ExtendedErrors is { Count: > 0 } e ? " (" + string.Join("; ", e) + ")" : "";

    private static string Transport(DnsAnswer a)
    {
        var last = a.Attempts[^1];
        return last.Outcome == DnsAttemptOutcome.Timeout
            ? string.Create(CultureInfo.InvariantCulture, $"timeout: no answer from {a.Server} after {a.Attempts.Count} attempts ({last.Error})")
            : $"{last.Outcome} from {a.Server}: {last.Error}";
    }

    private sealed record FamilyResult(IReadOnlyList<IPAddress> Addresses, DnsAnswer? Answer, string? Problem);
}
