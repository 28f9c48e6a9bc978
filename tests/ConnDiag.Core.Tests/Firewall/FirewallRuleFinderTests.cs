using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Firewall;
using ConnDiag.Ports;

namespace ConnDiag.Core.Tests.Firewall;

/// <summary>The finder against real nft output from a namespace the test loaded rules into.</summary>
public sealed class NftRuleFinderTests(NftRulesNamespace fixture) : IClassFixture<NftRulesNamespace>
{
    private NetNamespace Ns => fixture.Ns;

    private async Task<FirewallReadResult> FindAsync(int? port = null, TransportProtocol? protocol = null, FirewallDirection? direction = null)
    {
        var result = await new FirewallRuleFinder().FindAsync(
            new FirewallQuery(port, protocol, direction, Ns.Name, [FirewallBackend.Nftables]), CancellationToken.None);
        Assert.Empty(result.Problems);
        Assert.Equal([FirewallBackend.Nftables], result.ReadBackends);
        return result;
    }

    [LinuxRootFact("ip", "nft")]
    public async Task A_drop_rule_is_named_with_table_chain_hook_priority_policy_handle_and_counter()
    {
        var result = await FindAsync(NftRulesNamespace.DropPort, TransportProtocol.Tcp, FirewallDirection.Inbound);
        var rule = Assert.Single(result.Rules, r => r.Ports.Count > 0);
        Assert.Equal(FirewallBackend.Nftables, rule.Backend);
        Assert.Equal(("inet", NftRulesNamespace.Table, "input", "input"), (rule.Family, rule.Table, rule.Chain, rule.Hook));
        Assert.Equal(0, rule.Priority);
        Assert.Equal("accept", rule.Policy);
        Assert.Equal(FirewallDirection.Inbound, rule.Direction);
        Assert.Equal(FirewallVerdict.Drop, rule.Verdict);
        Assert.Equal("tcp", rule.Protocol);
        Assert.Equal("dport 3456", Assert.Single(rule.Ports).ToString());
        Assert.NotNull(rule.Handle);
        Assert.Equal(0, rule.Packets);
        Assert.Equal("tcp dport 3456", rule.Match);
        // The catch-all drop by source address can drop the port too, so it is listed; the accept policy is not.
        Assert.Contains(result.Rules, r => r.Ports.Count == 0 && r.Match == "ip saddr 192.0.2.0/24" && r.Verdict == FirewallVerdict.Drop);
        Assert.DoesNotContain(result.Rules, r => r.IsPolicy);
    }

    [LinuxRootFact("ip", "nft")]
    public async Task Rule_text_is_what_nft_itself_prints_for_the_same_handle()
    {
        var all = await FindAsync();
        var listing = Ns.Exec("nft", "-a", "list", "table", "inet", NftRulesNamespace.Table).StdOut;
        var withHandles = all.Rules.Where(r => r.Handle is not null && r.Table == NftRulesNamespace.Table).ToList();
        Assert.True(withHandles.Count >= 10, $"expected every rule of the table, got {withHandles.Count}");
        foreach (var rule in withHandles)
        {
            var line = listing.Split('\n').Select(l => l.Trim()).Single(l => l.EndsWith($"# handle {rule.Handle}", StringComparison.Ordinal) && !l.StartsWith("chain", StringComparison.Ordinal) && !l.StartsWith("set", StringComparison.Ordinal));
            Assert.Equal(line[..line.LastIndexOf(" # handle", StringComparison.Ordinal)], rule.RuleText);
        }
    }

    [LinuxRootFact("ip", "nft")]
    public async Task A_port_set_with_an_admin_prohibited_reject_matches_each_member_only()
    {
        var https = await FindAsync(443, TransportProtocol.Tcp);
        var reject = Assert.Single(https.Rules, r => r.Verdict == FirewallVerdict.Reject);
        Assert.Equal("icmpx admin-prohibited", reject.RejectType);
        Assert.Equal([new PortRange(80, 80), new PortRange(443, 443)], reject.Ports[0].Ranges);
        Assert.Equal("reject with icmpx admin-prohibited", reject.VerdictText);

        var other = await FindAsync(444, TransportProtocol.Tcp);
        Assert.DoesNotContain(other.Rules, r => r.Verdict == FirewallVerdict.Reject && r.Ports.Count > 0);
    }

    [LinuxRootFact("ip", "nft")]
    public async Task A_range_matches_inside_and_not_past_its_bounds()
    {
        var inside = await FindAsync(5050);
        var range = Assert.Single(inside.Rules, r => r.Ports.Count > 0);
        Assert.Equal(new PortRange(NftRulesNamespace.RangeFrom, NftRulesNamespace.RangeTo), Assert.Single(range.Ports[0].Ranges));
        Assert.Contains((await FindAsync(NftRulesNamespace.RangeTo)).Rules, r => r.Handle == range.Handle);
        Assert.DoesNotContain((await FindAsync(NftRulesNamespace.RangeTo + 1)).Rules, r => r.Handle == range.Handle);
    }

    [LinuxRootFact("ip", "nft")]
    public async Task A_named_set_is_expanded()
    {
        var result = await FindAsync(9001);
        var rule = Assert.Single(result.Rules, r => r.Ports.Count > 0);
        Assert.Equal("blocked", rule.Ports[0].SetName);
        Assert.Equal("dport @blocked (9000,9001)", rule.Ports[0].ToString());
    }

    [LinuxRootFact("ip", "nft")]
    public async Task The_protocol_filter_separates_udp_from_tcp_rules()
    {
        var udp = await FindAsync(NftRulesNamespace.UdpPort, TransportProtocol.Udp);
        var rule = Assert.Single(udp.Rules, r => r.Ports.Count > 0);
        Assert.Equal("udp", rule.Protocol);
        var tcp = await FindAsync(NftRulesNamespace.UdpPort, TransportProtocol.Tcp);
        Assert.DoesNotContain(tcp.Rules, r => r.Protocol == "udp");
    }

    [LinuxRootFact("ip", "nft")]
    public async Task A_drop_policy_counts_for_any_port_in_its_direction_only()
    {
        var forward = await FindAsync(NftRulesNamespace.DropPort, TransportProtocol.Tcp, FirewallDirection.Forward);
        var policy = Assert.Single(forward.Rules);
        Assert.True(policy.IsPolicy);
        Assert.Equal(("routed", "forward", "drop", FirewallVerdict.Drop), (policy.Chain, policy.Hook, policy.Policy, policy.Verdict));
        Assert.Equal($"inet {NftRulesNamespace.Table} routed policy", policy.Location);

        var inbound = await FindAsync(NftRulesNamespace.DropPort, TransportProtocol.Tcp, FirewallDirection.Inbound);
        Assert.DoesNotContain(inbound.Rules, r => r.Chain == "routed");
    }

    [LinuxRootFact("ip", "nft")]
    public async Task A_regular_chain_takes_the_direction_of_the_chain_that_jumps_to_it()
    {
        var result = await FindAsync(NftRulesNamespace.JumpedPort, TransportProtocol.Tcp, FirewallDirection.Inbound);
        var rule = Assert.Single(result.Rules, r => r.Chain == "web");
        Assert.Null(rule.Hook);
        Assert.Null(rule.Policy);
        Assert.Equal(FirewallDirection.Inbound, rule.Direction);
        Assert.DoesNotContain((await FindAsync(NftRulesNamespace.JumpedPort, TransportProtocol.Tcp, FirewallDirection.Outbound)).Rules, r => r.Chain == "web");
    }

    [LinuxRootFact("ip", "nft")]
    public async Task Outbound_rules_are_told_apart_from_inbound_ones()
    {
        var result = await FindAsync(6000, TransportProtocol.Tcp, FirewallDirection.Outbound);
        var rule = Assert.Single(result.Rules, r => r.Ports.Count > 0);
        Assert.Equal(("egress_filter", "output", 10, FirewallDirection.Outbound), (rule.Chain, rule.Hook, rule.Priority, rule.Direction));
        Assert.Equal(PortField.Source, rule.Ports[0].Field);
    }

    [LinuxRootFact("ip", "nft")]
    public async Task Without_a_filter_every_rule_and_every_policy_is_listed()
    {
        var result = await FindAsync();
        Assert.Equal(3, result.Rules.Count(r => r.IsPolicy));
        Assert.Contains(result.Rules, r => r.Verdict == FirewallVerdict.Jump && r.Target == "web");
        Assert.Contains(result.Rules, r => r.RejectType == "tcp reset");
    }
}

/// <summary>Rules made with iptables/ip6tables in a namespace: read from iptables-save, not counted twice through nft.</summary>
public sealed class IptablesRuleFinderTests(IptablesRulesNamespace fixture) : IClassFixture<IptablesRulesNamespace>
{
    private NetNamespace Ns => fixture.Ns;

    private Task<FirewallReadResult> FindAsync(int? port, TransportProtocol? protocol = null, IReadOnlyList<FirewallBackend>? backends = null) =>
        new FirewallRuleFinder().FindAsync(new FirewallQuery(port, protocol, null, Ns.Name, backends), CancellationToken.None);

    [LinuxRootFact("ip", "nft", "iptables")]
    public async Task A_reject_with_admin_prohibited_is_named_from_iptables_save_once_per_family()
    {
        var result = await FindAsync(IptablesRulesNamespace.AdminPort, TransportProtocol.Tcp);
        Assert.Empty(result.Problems);
        var rules = result.Rules.Where(r => r.Ports.Count > 0).ToList();
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.Equal(FirewallBackend.Iptables, r.Backend));
        var v4 = Assert.Single(rules, r => r.Family == "ip");
        Assert.Equal("-A INPUT -p tcp -m tcp --dport 7010 -j REJECT --reject-with icmp-admin-prohibited", v4.RuleText);
        Assert.Equal(("filter", "INPUT", "input", 0, "accept"), (v4.Table, v4.Chain, v4.Hook, v4.Priority, v4.Policy));
        Assert.Equal("icmp-admin-prohibited", v4.RejectType);
        Assert.Equal("iptables-save (nf_tables)", v4.Source);
        Assert.Equal(0, v4.Packets);
        Assert.Null(v4.Handle);
        var v6 = Assert.Single(rules, r => r.Family == "ip6");
        Assert.Equal("icmp6-adm-prohibited", v6.RejectType);
        // The same rules are in the nft listing (iptables-nft): they are shown once, and the merge says so.
        Assert.DoesNotContain(result.Rules, r => r.Backend == FirewallBackend.Nftables);
        Assert.Contains(result.Notes, n => n.Contains("ip filter", StringComparison.Ordinal) && n.Contains("iptables-nft", StringComparison.Ordinal));
    }

    [LinuxRootFact("ip", "nft", "iptables")]
    public async Task A_tcp_reset_reject_and_a_multiport_drop_are_matched_by_port()
    {
        var reset = Assert.Single((await FindAsync(IptablesRulesNamespace.ResetPort)).Rules, r => r.Ports.Count > 0);
        Assert.Equal(("tcp-reset", FirewallVerdict.Reject), (reset.RejectType, reset.Verdict));

        var multi = Assert.Single((await FindAsync(7014)).Rules, r => r.Ports.Count > 0);
        Assert.Equal(FirewallVerdict.Drop, multi.Verdict);
        Assert.Equal([new PortRange(7012, 7012), new PortRange(7013, 7015)], multi.Ports[0].Ranges);
        Assert.DoesNotContain((await FindAsync(7016)).Rules, r => r.Ports.Count > 0);
    }

    [LinuxRootFact("ip", "nft", "iptables")]
    public async Task A_user_chain_and_the_forward_policy_keep_their_place()
    {
        var all = await FindAsync(null, backends: [FirewallBackend.Iptables]);
        var ssh = Assert.Single(all.Rules, r => r.Chain == "APP");
        Assert.Equal((FirewallVerdict.Accept, FirewallDirection.Inbound, (string?)null), (ssh.Verdict, ssh.Direction, ssh.Hook));
        Assert.Contains("\"ssh from inside\"", ssh.Match, StringComparison.Ordinal);
        Assert.Contains(all.Rules, r => r.Verdict == FirewallVerdict.Jump && r.Target == "APP" && r.Match == "-s 10.0.0.0/8");
        var forward = Assert.Single(all.Rules, r => r.Family == "ip" && r.IsPolicy && r.Chain == "FORWARD" && r.Source == "iptables-save (nf_tables)");
        Assert.Equal((FirewallVerdict.Drop, "-P FORWARD DROP"), (forward.Verdict, forward.RuleText));
    }

    [LinuxRootFact("ip", "nft", "iptables", "iptables-legacy")]
    public async Task Rules_of_the_legacy_interface_are_read_too_when_iptables_nft_warns_about_them()
    {
        var result = await FindAsync(IptablesRulesNamespace.LegacyPort, TransportProtocol.Tcp);
        Assert.Empty(result.Problems);
        var rule = Assert.Single(result.Rules, r => r.Ports.Count > 0);
        Assert.Equal(("iptables-legacy-save", "-A INPUT -p tcp -m tcp --dport 7020 -j DROP", FirewallVerdict.Drop),
            (rule.Source, rule.RuleText, rule.Verdict));
        Assert.Contains(result.Notes, n => n.Contains("iptables-legacy rules exist", StringComparison.Ordinal));
    }

    [LinuxRootFact("ip", "nft", "iptables")]
    public async Task Read_through_nft_only_the_iptables_rules_are_labelled_as_xtables_rejects()
    {
        var result = await FindAsync(IptablesRulesNamespace.AdminPort, TransportProtocol.Tcp, [FirewallBackend.Nftables]);
        var rule = Assert.Single(result.Rules, r => r.Family == "ip" && r.Ports.Count > 0);
        Assert.Equal((FirewallBackend.Nftables, "INPUT", FirewallVerdict.Reject), (rule.Backend, rule.Chain, rule.Verdict));
        Assert.Contains("iptables-save", rule.RejectType, StringComparison.Ordinal);
    }
}

/// <summary>What the finder says when it cannot read: no privilege, no namespace, a bad name.</summary>
public sealed class FirewallReadProblemTests
{
    [LinuxRootFact("nft", "setpriv")]
    public async Task Without_privilege_the_problem_says_root_or_CAP_NET_ADMIN()
    {
        // The real tools run as nobody, so the kernel itself refuses (EPERM).
        var tools = new FirewallTools(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]);
        var result = await new FirewallRuleFinder(tools).ReadAllAsync(new FirewallQuery(Backends: [FirewallBackend.Nftables]));
        Assert.True(result.NothingRead);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((FirewallProblemKind.PermissionDenied, "nft"), (problem.Kind, problem.Tool));
        Assert.Contains("root (or CAP_NET_ADMIN)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Operation not permitted", problem.Message, StringComparison.Ordinal);
    }

    [LinuxRootFact("ip", "nft")]
    public async Task A_namespace_that_does_not_exist_is_named()
    {
        var result = await new FirewallRuleFinder().ReadAllAsync(new FirewallQuery(NetworkNamespace: "cdt-no-such-ns", Backends: [FirewallBackend.Nftables]));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(FirewallProblemKind.NamespaceMissing, problem.Kind);
        Assert.Contains("'cdt-no-such-ns' does not exist", problem.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task A_namespace_name_with_a_path_is_refused_before_anything_runs()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new FirewallRuleFinder().ReadAllAsync(new FirewallQuery(NetworkNamespace: "../etc")));
        Assert.Contains("'../etc' is not a network namespace name", ex.Message, StringComparison.Ordinal);
    }
}
