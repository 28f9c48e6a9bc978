using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Findings;
using ConnDiag.Firewall;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Core.Tests.Firewall;

/// <summary>
/// Which rule the diagnosis names for a failed local connect, against the real rules of the test namespaces.
/// The connects themselves happen in the namespace in the CLI tests (FirewallEndToEndTests); here the attempts are
/// given, so each observed state can be paired with each kind of rule.
/// </summary>
public sealed class LocalFirewallCheckTests(NftRulesNamespace nft, IptablesRulesNamespace ipt)
    : IClassFixture<NftRulesNamespace>, IClassFixture<IptablesRulesNamespace>
{
    private static TcpAttempt Attempt(IPAddress address, int port, TcpPortState state) => new(address, port, state, 1000, null, state.ToString());

    private static Task<IReadOnlyList<Finding>> ExplainAsync(NetNamespace ns, int port, params TcpAttempt[] attempts) =>
        new LocalFirewallCheck(new FirewallRuleFinder(), ns.Name).ExplainAsync(port, attempts, CancellationToken.None);

    [LinuxRootFact("ip", "nft")]
    public async Task A_timeout_names_the_drop_rule_for_the_port_with_its_handle_and_the_delete_command()
    {
        var port = NftRulesNamespace.DropPort;
        var finding = Assert.Single(await ExplainAsync(nft.Ns, port, Attempt(IPAddress.Loopback, port, TcpPortState.Filtered)));
        Assert.Equal((FindingCodes.LocalFirewallRule, Layer.Local, Severity.Error), (finding.Code, finding.Layer, finding.Severity));
        var handle = System.Text.RegularExpressions.Regex.Match(finding.Summary, @"handle (\d+)").Groups[1].Value;
        Assert.Equal($"nftables rule inet {NftRulesNamespace.Table} input handle {handle} drops TCP port {port} to 127.0.0.1:{port}: tcp dport {port} counter packets 0 bytes 0 drop", finding.Summary);
        Assert.Contains("chain input (hook input, priority 0, policy accept)", finding.Evidence, StringComparison.Ordinal);
        Assert.Contains($"`nft delete rule inet {NftRulesNamespace.Table} input handle {handle}`", finding.Remedy, StringComparison.Ordinal);
        Assert.Contains($"`nft -a list chain inet {NftRulesNamespace.Table} input`", finding.Remedy, StringComparison.Ordinal);
    }

    [LinuxRootFact("ip", "nft")]
    public async Task Admin_prohibited_names_the_reject_rule_not_a_drop()
    {
        var finding = Assert.Single(await ExplainAsync(nft.Ns, 443, Attempt(IPAddress.IPv6Loopback, 443, TcpPortState.AdminProhibited)));
        Assert.Contains("rejects (icmpx admin-prohibited) TCP port 443 to [::1]:443: tcp dport { 80, 443 } reject with icmpx admin-prohibited", finding.Summary, StringComparison.Ordinal);
    }

    [LinuxRootFact("ip", "nft")]
    public async Task A_refusal_names_a_tcp_reset_rule_for_the_port_and_nothing_for_a_port_without_one()
    {
        var reset = Assert.Single(await ExplainAsync(nft.Ns, 7000, Attempt(IPAddress.Loopback, 7000, TcpPortState.Closed)));
        Assert.Contains("rejects (tcp reset)", reset.Summary, StringComparison.Ordinal);
        // A refusal without a rule naming the port is the listener check's business, not a catch-all drop's.
        Assert.Empty(await ExplainAsync(nft.Ns, 7001, Attempt(IPAddress.Loopback, 7001, TcpPortState.Closed)));
    }

    [LinuxRootFact("ip", "nft")]
    public async Task A_timeout_on_a_port_no_rule_names_points_at_the_catch_all_drop_as_a_possibility()
    {
        var finding = Assert.Single(await ExplainAsync(nft.Ns, 1234, Attempt(IPAddress.Loopback, 1234, TcpPortState.Filtered)));
        Assert.Contains("can drop TCP port 1234", finding.Summary, StringComparison.Ordinal);
        Assert.Contains("ip saddr 192.0.2.0/24 drop", finding.Summary, StringComparison.Ordinal);
    }

    [LinuxRootFact("ip", "nft")]
    public async Task A_remote_address_is_not_explained_by_local_rules()
    {
        // 198.51.100.1 is not an address of this machine: its drops are someone else's firewall.
        Assert.Empty(await ExplainAsync(nft.Ns, NftRulesNamespace.DropPort, Attempt(IPAddress.Parse("198.51.100.1"), NftRulesNamespace.DropPort, TcpPortState.Filtered)));
    }

    [LinuxRootFact("ip", "nft", "iptables")]
    public async Task An_iptables_reject_is_named_per_family_with_its_delete_command()
    {
        var port = IptablesRulesNamespace.AdminPort;
        var findings = await ExplainAsync(ipt.Ns, port,
            Attempt(IPAddress.Loopback, port, TcpPortState.AdminProhibited), Attempt(IPAddress.IPv6Loopback, port, TcpPortState.AdminProhibited));
        Assert.Equal(2, findings.Count);
        var v4 = Assert.Single(findings, f => f.Summary.StartsWith("iptables rule ip filter INPUT", StringComparison.Ordinal));
        Assert.Contains("to 127.0.0.1:7010:", v4.Summary, StringComparison.Ordinal);
        Assert.Contains("`iptables -t filter -D INPUT -p tcp -m tcp --dport 7010 -j REJECT --reject-with icmp-admin-prohibited`", v4.Remedy, StringComparison.Ordinal);
        var v6 = Assert.Single(findings, f => f.Summary.StartsWith("ip6tables rule ip6 filter INPUT", StringComparison.Ordinal));
        Assert.Contains("to [::1]:7010:", v6.Summary, StringComparison.Ordinal);
        Assert.Contains("`ip6tables -t filter -D INPUT", v6.Remedy, StringComparison.Ordinal);
    }

    [LinuxRootFact("nft", "setpriv")]
    public async Task Rules_that_cannot_be_read_are_an_info_finding_that_says_why()
    {
        var tools = new FirewallTools(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]);
        var findings = await new LocalFirewallCheck(new FirewallRuleFinder(tools), null)
            .ExplainAsync(3456, [Attempt(IPAddress.Loopback, 3456, TcpPortState.Filtered)], CancellationToken.None);
        var finding = Assert.Single(findings);
        Assert.Equal((FindingCodes.LocalFirewallUnreadable, Severity.Info), (finding.Code, finding.Severity));
        Assert.Contains("127.0.0.1:3456 timed out", finding.Summary, StringComparison.Ordinal);
        Assert.Contains("root (or CAP_NET_ADMIN)", finding.Evidence, StringComparison.Ordinal);
    }
}
