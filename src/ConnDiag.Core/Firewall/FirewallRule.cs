namespace ConnDiag.Firewall;

/// <summary>
/// One packet-filter rule (or a base chain's policy) that can affect traffic, as nftables or iptables holds it.
/// </summary>
/// <param name="Backend">nftables or iptables.</param>
/// <param name="Family">ip, ip6, inet, arp, bridge or netdev (iptables-save: ip, ip6tables-save: ip6).</param>
/// <param name="Table">Table name (e.g. filter).</param>
/// <param name="Chain">Chain name (e.g. input, INPUT).</param>
/// <param name="Hook">The chain's hook (input, output, forward, prerouting, postrouting, ingress); null for a regular chain.</param>
/// <param name="Priority">The base chain's priority (lower runs first); null for a regular chain.</param>
/// <param name="Policy">The base chain's policy (accept or drop); null for a regular chain.</param>
/// <param name="Direction">Traffic the chain sees: from its hook, or for a regular chain from the base chains that jump to it.</param>
/// <param name="Verdict">What the rule does with a matching packet.</param>
/// <param name="RejectType">For Reject: the answer sent, e.g. "icmpx admin-prohibited", "tcp reset", "icmp-port-unreachable".</param>
/// <param name="Target">For Jump/Goto: the chain jumped to; for Other: the action (e.g. dnat, LOG).</param>
/// <param name="Match">The rule's conditions as text (empty: it matches every packet).</param>
/// <param name="Protocol">Transport protocol the rule is limited to (tcp, udp, "tcp,udp"); null when any.</param>
/// <param name="Ports">The port conditions (sets and ranges expanded).</param>
/// <param name="Handle">nft rule handle (for <c>nft delete rule ... handle N</c>); null for iptables and for policies.</param>
/// <param name="RuleText">The whole rule: nft syntax, or the iptables-save line (<c>-A CHAIN ...</c>).</param>
/// <param name="IsPolicy">This entry is the base chain's policy, not a rule: it applies to packets no rule decided.</param>
/// <param name="Packets">Packet counter, when the rule has one.</param>
/// <param name="Bytes">Byte counter, when the rule has one.</param>
/// <param name="Source">Where it was read: "nft", "iptables-save (nf_tables)", "ip6tables-save (legacy)", "iptables-legacy-save" (legacy rules next to iptables-nft ones).</param>
public sealed record FirewallRule(
    FirewallBackend Backend,
    string Family,
    string Table,
    string Chain,
    string? Hook,
    int? Priority,
    string? Policy,
    FirewallDirection Direction,
    FirewallVerdict Verdict,
    string? RejectType,
    string? Target,
    string Match,
    string? Protocol,
    IReadOnlyList<PortMatch> Ports,
    long? Handle,
    string RuleText,
    bool IsPolicy,
    long? Packets,
    long? Bytes,
    string Source)
{
    /// <summary>Drop or Reject: the rule can stop a connection by itself.</summary>
    public bool Blocks => Verdict is FirewallVerdict.Drop or FirewallVerdict.Reject;

    /// <summary>"inet filter input handle 6", "ip filter INPUT", "inet filter input policy".</summary>
    public string Location
    {
        get
        {
            var at = $"{Family} {Table} {Chain}";
            if (IsPolicy) return at + " policy";
            return Handle is { } h ? $"{at} handle {h}" : at;
        }
    }

    /// <summary>"drop", "reject with tcp reset", "jump web".</summary>
    public string VerdictText => Verdict switch
    {
        FirewallVerdict.Reject => RejectType is null ? "reject" : $"reject with {RejectType}",
        FirewallVerdict.Jump or FirewallVerdict.Goto => $"{Verdict.ToString().ToLowerInvariant()} {Target}",
        FirewallVerdict.Other => Target ?? "other",
        _ => Verdict.ToString().ToLowerInvariant(),
    };

    public override string ToString() => $"{Location}: {RuleText}";
}
