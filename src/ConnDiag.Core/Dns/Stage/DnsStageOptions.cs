using ConnDiag.Dns.Client;
using ConnDiag.Dns.Transport;

namespace ConnDiag.Dns.Stage;

/// <summary>How <see cref="DnsStage"/> runs.</summary>
public sealed record DnsStageOptions
{
    /// <summary>Further servers (UDP, TCP or DoH) asked side by side with the system's and compared. Default none.</summary>
    public IReadOnlyList<DnsServer> ExtraServers { get; init; } = [];

    /// <summary>Servers asked instead of the configured ones (another port, a test); null for the configuration's.</summary>
    public IReadOnlyList<DnsServer>? SystemServers { get; init; }

    /// <summary>Check the hosts file (DNS.HOSTS_OVERRIDE). Default on.</summary>
    public bool CheckHostsFile { get; init; } = true;

    /// <summary>Failing search-list candidates taking longer than this in total before the answer give DNS.SEARCH_SLOW. Default 1 s.</summary>
    public TimeSpan SearchSlowThreshold { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Query options for the extra servers (DoH trust, proxy) and the base for the system servers, whose timeout,
    /// retries and TCP use come from the resolver options. Null: defaults.
    /// </summary>
    public DnsQueryOptions? QueryOptions { get; init; }
}
