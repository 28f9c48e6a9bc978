namespace ConnDiag.Dns.Configuration;

/// <summary>What <see cref="HostsFileParser"/> made of a hosts file.</summary>
/// <param name="Source">The file name attached to every entry.</param>
/// <param name="Entries">Valid lines, in file order.</param>
/// <param name="Warnings">Lines the C library ignores (bad address, no name), each with its line number.</param>
public sealed record HostsFile(string Source, IReadOnlyList<HostsEntry> Entries, IReadOnlyList<ConfigurationNote> Warnings);
