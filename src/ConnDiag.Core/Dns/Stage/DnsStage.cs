using System.Diagnostics;
using System.Globalization;
using System.Net;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Configuration;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Dns.Stage;

/// <summary>
/// The DNS stage of a diagnosis, for one host name: hosts-file check, then the system's servers asked for A and
/// AAAA through the search list (like the C library), the answering name asked again over TCP, extra servers
/// (UDP, TCP, DoH) side by side, and a comparison. Findings: the response-code ones of the name's answers,
/// DNS.NO_SERVERS, DNS.HOSTS_OVERRIDE, DNS.RESOLVERS_DISAGREE, DNS.UNEXPECTED_ADDRESS, DNS.SEARCH_SLOW and
/// DNS.TRUNCATED_TCP_BLOCKED (UDP answers but TCP to the same server fails).
/// </summary>
public sealed class DnsStage
{
    public const string StageName = "dns";
    private const string SystemSource = "system";
    private const string HostsSource = "hosts file";

    private readonly ResolverConfiguration _config;
    private readonly DnsStageOptions _options;

    public DnsStage(ResolverConfiguration configuration, DnsStageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _config = configuration;
        _options = options ?? new DnsStageOptions();
        _options.QueryOptions?.Validate();
    }

    /// <summary>A stage over this machine's resolver configuration.</summary>
    public static async Task<DnsStage> ForCurrentSystemAsync(DnsStageOptions? options = null, CancellationToken cancellationToken = default) =>
        new(await ResolverConfigurationReader.ForCurrentSystem().ReadAsync(cancellationToken).ConfigureAwait(false), options);

    /// <summary>Runs the stage for <paramref name="host"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or malformed.</exception>
    public async Task<StageResult> RunAsync(string host, CancellationToken cancellationToken = default)
    {
        if (SearchList.ValidateName(host) is { } invalid) throw new ArgumentException($"Cannot look up '{host}': {invalid}.", nameof(host));
        var clock = Stopwatch.StartNew();
        var bare = host.Length > 1 ? host.TrimEnd('.') : host;
        var findings = new List<Finding>();
        var answers = new List<DnsAnswer>();
        var sets = new Dictionary<string, IReadOnlyList<IPAddress>>(StringComparer.Ordinal);

        IReadOnlyList<HostsEntry> hosts = [];
        if (_options.CheckHostsFile)
        {
            hosts = HostsOverride.Find(bare, _config);
            if (HostsOverride.Check(bare, _config) is { } overridden) findings.Add(overridden);
            if (hosts.Count > 0) sets[HostsSource] = hosts.Select(e => e.Address).Distinct().ToList();
        }

        var servers = _options.SystemServers ?? ConfiguredServers.From(_config);
        var tried = new List<string>();
        string? answered = null;
        if (servers.Count == 0)
        {
            findings.Add(ConfiguredServers.NoServers(_config));
        }
        else
        {
            var system = new DnsQueryClient(SystemQueryOptions());
            var failedMs = 0.0;
            IReadOnlyList<DnsAnswer> last = [];
            foreach (var candidate in SearchList.Candidates(host, _config))
            {
                if (!DnsName.TryParse(candidate.Name, out var name, out _)) continue;
                tried.Add(candidate.Name);
                var pair = await AskBothAsync(system, name!, servers, cancellationToken).ConfigureAwait(false);
                answers.AddRange(pair);
                last = pair;
                var addresses = Addresses(pair);
                if (addresses.Count > 0)
                {
                    answered = candidate.Name;
                    sets[SystemSource] = addresses;
                    break;
                }
                failedMs += pair.Max(a => a.DurationMs);
                // Like glibc: NXDOMAIN, NODATA and SERVFAIL move on to the next candidate, anything else ends the search.
                if (pair.Any(a => a.ResponseCode is null || a.ResponseCode is not (DnsResponseCode.NXDomain or DnsResponseCode.NoError or DnsResponseCode.ServFail))) break;
            }
            // The findings of the answers that decided: the answering name's, or the last name tried.
            // A name with an A but no AAAA record (or the reverse) is normal once it has addresses: no NODATA then.
            findings.AddRange(last.SelectMany(a => a.Findings).Where(f => answered is null || f.Code != FindingCodes.DnsNoData).DistinctBy(f => f.Code));
            var failedCandidates = answered is null ? 0 : tried.Count - 1;
            if (failedCandidates > 0 && failedMs > _options.SearchSlowThreshold.TotalMilliseconds)
            {
                findings.Add(FindingCatalog.Create(FindingCodes.DnsSearchSlow,
                    string.Create(CultureInfo.InvariantCulture, $"{host} was answered as {answered} only after {failedCandidates} failing search-list name{(failedCandidates == 1 ? "" : "s")} that took {failedMs:0} ms."),
                    $"Tried in order: {string.Join(", ", tried)} (search list {string.Join(' ', _config.SearchList.Select(d => d.Name))}, options {_config.Options})."));
            }
            if (last.Count > 0 && last.Any(a => a.ResponseCode is not null))
            {
                await CheckTcpAsync(tried[^1], servers, answers, findings, cancellationToken).ConfigureAwait(false);
            }
        }

        await AskExtraServersAsync(answered ?? (tried.Count > 0 ? tried[^1] : bare), answers, sets, findings, cancellationToken).ConfigureAwait(false);
        Compare(bare, sets, findings);

        var outcome = OutcomeRules.FromFindings(findings);
        var summary = sets.TryGetValue(hosts.Count > 0 ? HostsSource : SystemSource, out var used) && used.Count > 0
            ? $"{host} resolves to {string.Join(", ", used)}" + (hosts.Count > 0 ? " (hosts file)" : answered is not null && !string.Equals(answered, bare, StringComparison.OrdinalIgnoreCase) ? $" as {answered}" : "")
            : $"{host} did not resolve";
        var evidence = new DnsStageEvidence(host, hosts, tried, answered, answers, sets);
        return new StageResult(StageName, Layer.Dns, outcome, clock.Elapsed.TotalMilliseconds, summary, findings.DistinctBy(f => (f.Code, f.Summary)).ToList(), evidence);
    }

    private DnsQueryOptions SystemQueryOptions()
    {
        var baseline = _options.QueryOptions ?? new DnsQueryOptions();
        var o = _config.Options;
        return baseline with
        {
            Timeout = TimeSpan.FromSeconds(Math.Clamp(o.TimeoutSeconds, 1, ResolverOptions.MaxTimeoutSeconds)),
            Retries = Math.Clamp(o.Attempts - 1, 0, DnsQueryOptions.MaxRetries),
            UseTcpOnly = o.UseVc,
        };
    }

    /// <summary>A and AAAA in parallel, each server in turn until one gives NOERROR or NXDOMAIN.</summary>
    private static async Task<IReadOnlyList<DnsAnswer>> AskBothAsync(DnsQueryClient client, DnsName name, IReadOnlyList<DnsServer> servers, CancellationToken cancellationToken)
    {
        var a = AskServersAsync(client, name, DnsRecordType.A, servers, cancellationToken);
        var aaaa = AskServersAsync(client, name, DnsRecordType.AAAA, servers, cancellationToken);
        return [await a.ConfigureAwait(false), await aaaa.ConfigureAwait(false)];
    }

    private static async Task<DnsAnswer> AskServersAsync(DnsQueryClient client, DnsName name, DnsRecordType type, IReadOnlyList<DnsServer> servers, CancellationToken cancellationToken)
    {
        DnsAnswer? answer = null;
        foreach (var server in servers)
        {
            answer = await client.QueryAsync(name, type, server, cancellationToken).ConfigureAwait(false);
            if (answer.ResponseCode is DnsResponseCode.NoError or DnsResponseCode.NXDomain) return answer;
        }
        return answer!;
    }

    /// <summary>The same name over TCP to the first UDP server: UDP answering while TCP fails breaks every large answer.</summary>
    private async Task CheckTcpAsync(string name, IReadOnlyList<DnsServer> servers, List<DnsAnswer> answers, List<Finding> findings, CancellationToken cancellationToken)
    {
        var udp = servers.FirstOrDefault(s => s.Transport == DnsTransport.Udp && s.EndPoint is not null);
        if (udp is null || !DnsName.TryParse(name, out var dnsName, out _)) return;
        var tcpServer = DnsServer.Tcp(udp.EndPoint!.Address, udp.EndPoint.Port);
        var client = new DnsQueryClient(SystemQueryOptions() with { UseTcpOnly = true, Retries = 0 });
        var overTcp = await client.QueryAsync(dnsName!, DnsRecordType.A, tcpServer, cancellationToken).ConfigureAwait(false);
        answers.Add(overTcp);
        if (overTcp.ResponseCode is null && findings.All(f => f.Code != FindingCodes.DnsTruncatedTcpBlocked))
        {
            var last = overTcp.Attempts.Count > 0 ? overTcp.Attempts[^1] : null;
            findings.Add(FindingCatalog.Create(FindingCodes.DnsTruncatedTcpBlocked,
                $"{udp.Address} answers over UDP but not over TCP: any answer too large for UDP (truncated) will fail.",
                $"TCP query for {name} to {tcpServer.Text}: {last?.Outcome.ToString() ?? "no attempt"}{(last?.Error is { } e ? " (" + e + ")" : "")}."));
        }
    }

    private async Task AskExtraServersAsync(string name, List<DnsAnswer> answers, Dictionary<string, IReadOnlyList<IPAddress>> sets, List<Finding> findings, CancellationToken cancellationToken)
    {
        if (_options.ExtraServers.Count == 0 || !DnsName.TryParse(name, out var dnsName, out _)) return;
        var client = new DnsQueryClient(_options.QueryOptions ?? new DnsQueryOptions());
        var asked = _options.ExtraServers.Select(s => AskBothAsync(client, dnsName!, [s], cancellationToken)).ToList();
        for (var i = 0; i < asked.Count; i++)
        {
            var pair = await asked[i].ConfigureAwait(false);
            answers.AddRange(pair);
            // Its failures count; its NXDOMAIN or NODATA is compared as an empty set instead.
            findings.AddRange(pair.SelectMany(a => a.Findings).Where(f => f.Code is not (FindingCodes.DnsNxDomain or FindingCodes.DnsNoData)));
            // Only a server that answered has a set to compare; a timeout is in its answer's findings.
            if (pair.Any(a => a.ResponseCode is not null)) sets[_options.ExtraServers[i].Text] = Addresses(pair);
        }
    }

    private static void Compare(string name, Dictionary<string, IReadOnlyList<IPAddress>> sets, List<Finding> findings)
    {
        var dnsSets = sets.Where(kv => kv.Key != HostsSource).ToList();
        if (dnsSets.Count > 1 && dnsSets.Select(kv => kv.Value.ToHashSet()).Distinct(HashSet<IPAddress>.CreateSetComparer()).Count() > 1)
        {
            findings.Add(FindingCatalog.Create(FindingCodes.DnsResolversDisagree,
                $"DNS servers give different addresses for {name}.",
                string.Join("; ", dnsSets.Select(kv => $"{kv.Key}: {Show(kv.Value)}")) + "."));
        }
        if (PublishedRanges.For(name) is not { } ranges) return;
        foreach (var (source, addresses) in sets)
        {
            var outside = addresses.Where(a => !ranges.Any(r => r.Contains(a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a))).ToList();
            if (outside.Count == 0) continue;
            findings.Add(FindingCatalog.Create(FindingCodes.DnsUnexpectedAddress,
                $"{name} resolves to {string.Join(", ", outside)} ({source}), outside its published ranges.",
                $"Published ranges for {name}: {string.Join(", ", ranges)}; {source} gave {Show(addresses)}."));
        }
    }

    private static IReadOnlyList<IPAddress> Addresses(IEnumerable<DnsAnswer> pair) =>
        pair.SelectMany(a => a.Answers)
            .Select(r => r switch { ARecord x => x.Address, AaaaRecord x => x.Address, _ => null })
            .OfType<IPAddress>()
            .Distinct()
            .ToList();

    private static string Show(IReadOnlyList<IPAddress> set) => set.Count == 0 ? "no addresses" : "{" + string.Join(", ", set.Order(Comparer<IPAddress>.Create((x, y) => string.CompareOrdinal(x.ToString(), y.ToString())))) + "}";
}
