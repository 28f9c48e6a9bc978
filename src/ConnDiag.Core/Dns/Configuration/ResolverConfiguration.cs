using ConnDiag.Model;

namespace ConnDiag.Dns.Configuration;

/// <summary>
/// The effective system resolver setup, as the C library (or the Windows DNS client) sees it. Every value
/// carries the file and line (or adapter) it came from. Read by <see cref="ResolverConfigurationReader"/>.
/// </summary>
/// <param name="Platform">Whose rules were applied.</param>
/// <param name="ResolvConfPath">The resolv.conf read; null on Windows.</param>
/// <param name="Servers">The servers in use, in order (glibc uses at most 3).</param>
/// <param name="IgnoredServers">Further nameserver lines that glibc ignores (beyond the third).</param>
/// <param name="SearchList">The search list in order (from the last <c>search</c> or <c>domain</c> line, LOCALDOMAIN, the host name, or the adapters).</param>
/// <param name="Options">Effective options (ndots, timeout, attempts, flags) and the words they came from.</param>
/// <param name="HostsPath">The hosts file read.</param>
/// <param name="HostsEntries">Every valid hosts-file line, in file order.</param>
/// <param name="NsswitchPath">The nsswitch.conf read; null where there is none (Windows, macOS).</param>
/// <param name="LookupOrder">The order of the sources for host names (nsswitch <c>hosts:</c>, or the platform's fixed order).</param>
/// <param name="Generator">Who wrote resolv.conf.</param>
/// <param name="StubKind">The local forwarder the servers point at, if any.</param>
/// <param name="UpstreamServers">The servers behind the stub when they can be read (systemd-resolved's uplink file, Docker's ExtServers comment).</param>
/// <param name="NameChecks">For each name asked about: hosts-file lines that answer it first, and the search-list candidates.</param>
/// <param name="Notes">Context worth knowing (stub detected, symlink target, platform caveats).</param>
/// <param name="Warnings">Problems: ignored or invalid lines, values capped at glibc's limits, unreadable files.</param>
/// <param name="Findings">DNS.NO_SERVERS when no server is configured; DNS.HOSTS_OVERRIDE for a checked name the hosts file answers.</param>
public sealed record ResolverConfiguration(
    ResolverPlatform Platform,
    string? ResolvConfPath,
    IReadOnlyList<NameServerEntry> Servers,
    IReadOnlyList<NameServerEntry> IgnoredServers,
    IReadOnlyList<SearchDomain> SearchList,
    ResolverOptions Options,
    string? HostsPath,
    IReadOnlyList<HostsEntry> HostsEntries,
    string? NsswitchPath,
    IReadOnlyList<LookupSource> LookupOrder,
    ResolvConfGenerator Generator,
    StubResolverKind StubKind,
    IReadOnlyList<NameServerEntry> UpstreamServers,
    IReadOnlyList<NameCheck> NameChecks,
    IReadOnlyList<ConfigurationNote> Notes,
    IReadOnlyList<ConfigurationNote> Warnings,
    IReadOnlyList<Finding> Findings);
