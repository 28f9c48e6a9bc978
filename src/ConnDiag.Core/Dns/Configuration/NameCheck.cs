namespace ConnDiag.Dns.Configuration;

/// <summary>What the system resolver configuration does with one name: the hosts-file lines that answer it
/// before DNS, and the names the C library would send to DNS, in order.</summary>
/// <param name="Name">The name as given.</param>
/// <param name="HostsEntries">Hosts-file lines for the name, in file order, that are consulted before DNS; empty when none (or when DNS comes first in the lookup order).</param>
/// <param name="Candidates">The DNS query names in the order glibc tries them (search list and ndots applied).</param>
public sealed record NameCheck(string Name, IReadOnlyList<HostsEntry> HostsEntries, IReadOnlyList<SearchCandidate> Candidates);
