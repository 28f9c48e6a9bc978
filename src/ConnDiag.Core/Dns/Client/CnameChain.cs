using ConnDiag.Dns.Wire;

namespace ConnDiag.Dns.Client;

/// <summary>
/// The CNAME chain inside one answer section, followed in chain order (not list order), with loops
/// detected: <c>alias2 → alias → host</c>.
/// </summary>
internal sealed record CnameChain(IReadOnlyList<CNameRecord> Links, string FinalName, bool Loop)
{
    /// <summary>RFC 1034 resolvers stop long before this; a chain this long is broken anyway.</summary>
    public const int MaxLinks = 16;

    public static CnameChain Follow(string name, IReadOnlyList<DnsRecord> answers)
    {
        var links = new List<CNameRecord>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { name };
        var current = name;
        while (links.Count < MaxLinks)
        {
            var next = answers.OfType<CNameRecord>().FirstOrDefault(c => DnsNames.NamesEqual(c.Name, current));
            if (next is null) break;
            links.Add(next);
            current = next.Target;
            if (!seen.Add(current)) return new CnameChain(links, current, Loop: true);
        }
        return new CnameChain(links, current, Loop: links.Count >= MaxLinks);
    }
}
