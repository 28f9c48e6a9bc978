using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Core.Tests.Firewall;

/// <summary>
/// A namespace with a native nftables ruleset: an inet table whose input chain (policy accept) drops, rejects and
/// accepts by port, port set, range, named set and UDP, a regular chain reached by a jump, a catch-all drop by
/// source address, and a forward chain with policy drop.
/// </summary>
public sealed class NftRulesNamespace : NamespaceFixture
{
    public const string Table = "cdfw";
    public const int DropPort = 3456;
    public const int RangeFrom = 5000;
    public const int RangeTo = 5100;
    public const int UdpPort = 5353;
    public const int JumpedPort = 8080;

    protected override void Configure(NetNamespace ns) => ns.ApplyRules($$"""
        table inet {{Table}} {
          set blocked { type inet_service; elements = { 9000, 9001 } }
          chain input {
            type filter hook input priority 0; policy accept;
            tcp dport {{DropPort}} counter drop
            tcp dport { 80, 443 } reject with icmpx type admin-prohibited
            tcp dport {{RangeFrom}}-{{RangeTo}} drop
            udp dport {{UdpPort}} drop
            tcp dport @blocked drop
            tcp dport 7000 reject with tcp reset
            ip saddr 192.0.2.0/24 drop
            jump web
          }
          chain web {
            tcp dport {{JumpedPort}} drop
          }
          chain routed {
            type filter hook forward priority 0; policy drop;
          }
          chain egress_filter {
            type filter hook output priority 10; policy accept;
            tcp sport 6000 drop
          }
        }
        """);
}

/// <summary>
/// A namespace whose rules were made with iptables and ip6tables (the nf_tables variant here): REJECT with
/// icmp-admin-prohibited and tcp-reset, a multiport DROP, a UDP drop and a user chain; plus one rule made with
/// iptables-legacy (port <see cref="LegacyPort"/>), which lives outside nftables and filters packets all the same.
/// </summary>
public sealed class IptablesRulesNamespace : NamespaceFixture
{
    public const int AdminPort = 7010;
    public const int ResetPort = 7011;
    public const int LegacyPort = 7020;

    protected override void Configure(NetNamespace ns)
    {
        string[][] rules =
        [
            ["iptables", "-A", "INPUT", "-p", "tcp", "--dport", "7010", "-j", "REJECT", "--reject-with", "icmp-admin-prohibited"],
            ["iptables", "-A", "INPUT", "-p", "tcp", "--dport", "7011", "-j", "REJECT", "--reject-with", "tcp-reset"],
            ["iptables", "-A", "INPUT", "-p", "tcp", "-m", "multiport", "--dports", "7012,7013:7015", "-j", "DROP"],
            ["iptables", "-A", "INPUT", "-p", "udp", "--dport", "5353", "-j", "DROP"],
            ["iptables", "-N", "APP"],
            ["iptables", "-A", "INPUT", "-s", "10.0.0.0/8", "-j", "APP"],
            ["iptables", "-A", "APP", "-p", "tcp", "--dport", "22", "-m", "comment", "--comment", "ssh from inside", "-j", "ACCEPT"],
            ["iptables", "-P", "FORWARD", "DROP"],
            ["ip6tables", "-A", "INPUT", "-p", "tcp", "--dport", "7010", "-j", "REJECT", "--reject-with", "icmp6-adm-prohibited"],
            ["iptables-legacy", "-A", "INPUT", "-p", "tcp", "--dport", "7020", "-j", "DROP"],
        ];
        foreach (var rule in rules) ns.Exec(rule);
    }
}
