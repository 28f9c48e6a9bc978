namespace ConnDiag.Dns.Configuration;

/// <summary>A line of a file as written (used for comments, which carry generator headers).</summary>
public sealed record SourceLine(int Line, string Text);

/// <summary>What <see cref="ResolvConfParser"/> made of one resolv.conf, glibc's rules applied.</summary>
/// <param name="Source">The file name used in every value's source.</param>
/// <param name="Servers">The nameserver lines glibc uses: the first three valid ones.</param>
/// <param name="IgnoredServers">Valid nameserver lines after the third, which glibc ignores.</param>
/// <param name="SearchList">The effective search list (last search/domain line, LOCALDOMAIN, or the host name's domain).</param>
/// <param name="Options">The effective options.</param>
/// <param name="Comments">Comment lines ('#' or ';' in the first column), which name the file's generator.</param>
/// <param name="Notes">Context (where the search list came from, sortlist present).</param>
/// <param name="Warnings">Lines glibc ignores or reads differently than they look.</param>
public sealed record ResolvConfFile(
    string Source,
    IReadOnlyList<NameServerEntry> Servers,
    IReadOnlyList<NameServerEntry> IgnoredServers,
    IReadOnlyList<SearchDomain> SearchList,
    ResolverOptions Options,
    IReadOnlyList<SourceLine> Comments,
    IReadOnlyList<ConfigurationNote> Notes,
    IReadOnlyList<ConfigurationNote> Warnings);
