using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Dns.Configuration;

/// <summary>The DNS.NO_SERVERS finding in its variants (no nameserver line, no adapter server, stub without upstream).</summary>
internal static class ResolverFindings
{
    public static Finding NoServers(string where, string evidence) =>
        FindingCatalog.Create(FindingCodes.DnsNoServers, $"No DNS server is configured in {where}.", evidence);

    public static Finding StubWithoutUpstream(string stub, string uplinkPath) =>
        FindingCatalog.Create(FindingCodes.DnsNoServers,
            $"{stub} has no upstream DNS server: {uplinkPath} lists none.",
            $"resolv.conf points at {stub}, and {uplinkPath} (its upstream list) has no nameserver line; it can answer only from /etc/hosts and its cache.");
}
