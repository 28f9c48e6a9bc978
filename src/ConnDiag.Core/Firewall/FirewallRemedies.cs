using System.Globalization;

namespace ConnDiag.Firewall;

/// <summary>
/// The commands that show and undo a rule, for a finding's remedy. ConnDiag prints them; it never runs them.
/// </summary>
public static class FirewallRemedies
{
    private const string Manager = " If a firewall manager (firewalld, ufw, Docker, a container platform) owns these rules, change them there instead, or it will put them back.";

    /// <summary>How to inspect the rule and how to let <paramref name="port"/> (TCP) through.</summary>
    public static string For(FirewallRule rule, int port)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var p = port.ToString(CultureInfo.InvariantCulture);
        if (rule.Backend == FirewallBackend.Nftables)
        {
            var chain = $"{rule.Family} {rule.Table} {rule.Chain}";
            if (rule.IsPolicy)
            {
                return $"Inspect the chain with `nft -a list chain {chain}`; let the port through with `nft insert rule {chain} tcp dport {p} accept`, or change the policy with `nft chain {chain} '{{ policy accept; }}'`." + Manager;
            }
            return $"Inspect the chain with `nft -a list chain {chain}`; remove the rule with `nft delete rule {chain} handle {rule.Handle}`, or let the port through before it with `nft insert rule {chain} tcp dport {p} accept`." + Manager;
        }
        var cmd = rule.Family == "ip6" ? "ip6tables" : "iptables";
        var t = $"{cmd} -t {rule.Table}";
        if (rule.IsPolicy)
        {
            return $"Inspect the chain with `{t} -L {rule.Chain} -v -n --line-numbers`; let the port through with `{t} -I {rule.Chain} -p tcp --dport {p} -j ACCEPT`, or change the policy with `{t} -P {rule.Chain} ACCEPT`." + Manager;
        }
        var delete = rule.RuleText.StartsWith("-A ", StringComparison.Ordinal) ? "-D " + rule.RuleText[3..] : rule.RuleText;
        return $"Inspect the chain with `{t} -L {rule.Chain} -v -n --line-numbers`; remove the rule with `{t} {delete}`, or let the port through before it with `{t} -I {rule.Chain} -p tcp --dport {p} -j ACCEPT`." + Manager;
    }
}
