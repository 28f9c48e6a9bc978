using System.Net;

namespace ConnDiag.Dns.Configuration;

/// <summary>One valid line of a hosts file.</summary>
/// <param name="Address">The address the names map to.</param>
/// <param name="CanonicalName">The first name on the line.</param>
/// <param name="Aliases">The other names on the line, in order.</param>
/// <param name="Source">The hosts file.</param>
/// <param name="Line">1-based line in <paramref name="Source"/>.</param>
public sealed record HostsEntry(IPAddress Address, string CanonicalName, IReadOnlyList<string> Aliases, string Source, int Line)
{
    /// <summary>True when <paramref name="name"/> is the canonical name or an alias (case-insensitive, as glibc compares them).</summary>
    public bool Matches(string name) =>
        string.Equals(CanonicalName, name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Aliases.Count == 0 ? $"{Address} {CanonicalName}" : $"{Address} {CanonicalName} {string.Join(' ', Aliases)}";
}
