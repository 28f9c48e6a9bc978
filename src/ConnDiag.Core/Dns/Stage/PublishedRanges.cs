using System.Net;

namespace ConnDiag.Dns.Stage;

/// <summary>
/// Names whose operators publish the address ranges they answer from: an address outside them means something
/// else answered (DNS.UNEXPECTED_ADDRESS). Kept small and explicit; each entry names its ranges.
/// </summary>
public static class PublishedRanges
{
    private static readonly Dictionary<string, IReadOnlyList<IPNetwork>> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["api.anthropic.com"] = [IPNetwork.Parse("160.79.104.0/23"), IPNetwork.Parse("2607:6bc0::/48")],
    };

    /// <summary>The published ranges of <paramref name="name"/> (trailing dot ignored), or null when none are known.</summary>
    public static IReadOnlyList<IPNetwork>? For(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Table.TryGetValue(name.TrimEnd('.'), out var ranges) ? ranges : null;
    }
}
