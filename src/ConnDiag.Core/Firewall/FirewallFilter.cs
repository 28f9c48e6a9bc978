using ConnDiag.Ports;

namespace ConnDiag.Firewall;

/// <summary>Which rules can affect a port, protocol and direction (<see cref="FirewallQuery"/>).</summary>
public static class FirewallFilter
{
    /// <summary>The rules <paramref name="query"/> keeps (its namespace and backends are not looked at here).</summary>
    public static IReadOnlyList<FirewallRule> Apply(IEnumerable<FirewallRule> rules, FirewallQuery query) =>
        rules.Where(r => Matches(r, query)).ToList();

    /// <summary>Whether <paramref name="query"/> keeps <paramref name="rule"/>.</summary>
    public static bool Matches(FirewallRule rule, FirewallQuery query)
    {
        if (query.Direction is { } d && d != FirewallDirection.None && (rule.Direction & d) == 0) return false;
        if (query.Protocol is { } p && rule.Protocol is { } rp
            && !rp.Split(',').Contains(p == TransportProtocol.Tcp ? "tcp" : "udp", StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }
        if (query.Port is not { } port) return true;
        // A rule with port conditions counts when every one of them can hold for the port (dport 80,443; dport != 22).
        if (rule.Ports.Count > 0) return rule.Ports.All(m => m.CanMatch(port));
        // Without a port condition only what can stop the port by itself matters: a catch-all drop or reject, a drop policy.
        return rule.Blocks;
    }
}
