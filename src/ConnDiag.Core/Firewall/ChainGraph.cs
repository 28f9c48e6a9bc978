namespace ConnDiag.Firewall;

/// <summary>
/// Which directions reach each chain of one table: a base chain sees its hook's direction, a regular chain the
/// union of the chains that jump or go to it (followed breadth-first, each chain once, so loops end).
/// </summary>
internal static class ChainGraph
{
    /// <param name="hooks">Base chains: name → hook.</param>
    /// <param name="jumps">Every (from, to) jump/goto edge.</param>
    public static Dictionary<string, FirewallDirection> Directions(IReadOnlyDictionary<string, string> hooks, IEnumerable<(string From, string To)> jumps)
    {
        var edges = jumps.GroupBy(j => j.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(j => j.To).Distinct().ToList(), StringComparer.Ordinal);
        var result = new Dictionary<string, FirewallDirection>(StringComparer.Ordinal);
        foreach (var (chain, hook) in hooks)
        {
            var direction = ForHook(hook);
            var queue = new Queue<string>([chain]);
            var seen = new HashSet<string>(StringComparer.Ordinal) { chain };
            while (queue.TryDequeue(out var c))
            {
                result[c] = result.GetValueOrDefault(c) | direction;
                foreach (var next in edges.GetValueOrDefault(c) ?? [])
                {
                    if (seen.Add(next)) queue.Enqueue(next);
                }
            }
        }
        return result;
    }

    /// <summary>input/prerouting → Inbound, output/postrouting → Outbound, forward → Forward; others (ingress, bridge hooks) → None.</summary>
    public static FirewallDirection ForHook(string? hook) => hook?.ToLowerInvariant() switch
    {
        "input" or "prerouting" => FirewallDirection.Inbound,
        "output" or "postrouting" => FirewallDirection.Outbound,
        "forward" => FirewallDirection.Forward,
        _ => FirewallDirection.None,
    };
}
