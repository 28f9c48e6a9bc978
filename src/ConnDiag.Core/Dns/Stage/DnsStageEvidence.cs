using System.Net;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Configuration;

namespace ConnDiag.Dns.Stage;

/// <summary>What the DNS stage saw.</summary>
/// <param name="Name">The name as given.</param>
/// <param name="HostsEntries">Hosts-file lines that answer the name before DNS (empty when none or not checked).</param>
/// <param name="CandidatesTried">Search-list candidates asked, in order.</param>
/// <param name="AnsweredName">The candidate that had addresses, or null.</param>
/// <param name="Answers">Every DNS answer: system servers per candidate (UDP), the TCP check, extra servers.</param>
/// <param name="AddressSets">Per source (<c>system</c>, <c>hosts file</c>, each extra server): the addresses it gave for the name.</param>
public sealed record DnsStageEvidence(
    string Name,
    IReadOnlyList<HostsEntry> HostsEntries,
    IReadOnlyList<string> CandidatesTried,
    string? AnsweredName,
    IReadOnlyList<DnsAnswer> Answers,
    IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> AddressSets);
