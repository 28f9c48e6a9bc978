namespace ConnDiag.Firewall;

/// <summary>Which Linux packet-filter interface a rule was read through.</summary>
public enum FirewallBackend
{
    /// <summary>nftables, read with <c>nft -j list ruleset</c>.</summary>
    Nftables,
    /// <summary>iptables/ip6tables, read with <c>iptables-save</c>/<c>ip6tables-save</c> (legacy or nf_tables variant).</summary>
    Iptables,
}

/// <summary>What a rule does with a packet it matches.</summary>
public enum FirewallVerdict
{
    /// <summary>Lets the packet through (ends this base chain's evaluation).</summary>
    Accept,
    /// <summary>Discards the packet silently: the client sees a timeout (TCP.FILTERED).</summary>
    Drop,
    /// <summary>Discards the packet and answers with an ICMP error or a TCP reset (see RejectType).</summary>
    Reject,
    /// <summary>Continues in another chain, then comes back.</summary>
    Jump,
    /// <summary>Continues in another chain and does not come back.</summary>
    Goto,
    /// <summary>Returns to the calling chain.</summary>
    Return,
    /// <summary>No verdict (counters, logging, marks): evaluation goes on with the next rule.</summary>
    Continue,
    /// <summary>Any other terminal action: NAT, queue, a verdict map, an iptables target such as LOG or DNAT.</summary>
    Other,
}

/// <summary>Traffic direction a chain sees, from its hook (regular chains: from the base chains that jump to them).</summary>
[Flags]
public enum FirewallDirection
{
    /// <summary>No hook reaches the chain (or the hook is not about local traffic, e.g. bridge or arp).</summary>
    None = 0,
    /// <summary>input and prerouting hooks: packets to this machine.</summary>
    Inbound = 1,
    /// <summary>output and postrouting hooks: packets from this machine.</summary>
    Outbound = 2,
    /// <summary>forward hook: packets routed through this machine.</summary>
    Forward = 4,
}

/// <summary>Which port field a port match tests.</summary>
public enum PortField
{
    /// <summary>Destination port (nft dport, iptables --dport/--dports).</summary>
    Destination,
    /// <summary>Source port (nft sport, iptables --sport/--sports).</summary>
    Source,
}
