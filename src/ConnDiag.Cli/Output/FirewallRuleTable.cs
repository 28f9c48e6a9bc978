using System.Globalization;
using ConnDiag.Firewall;

namespace ConnDiag.Cli.Output;

/// <summary>`conndiag firewall` as a table: where each rule sits, what it does, and its text (last column, or under the row).</summary>
internal static class FirewallRuleTable
{
    private static readonly string[] Headers = ["BACKEND", "TABLE", "CHAIN", "HOOK", "PRIO", "VERDICT", "PROTO", "PORTS", "HANDLE"];
    private const int MinRuleColumn = 30;

    public static void Write(TextWriter output, IReadOnlyList<FirewallRule> rules, int width) =>
        TableWriter.WriteWithTail(output, Headers, rules.Select(Cells).ToList(),
            rules.Select(r => FindingText.OneLine(r.RuleText)).ToList(), "RULE", width, MinRuleColumn, alignRight: new HashSet<int> { 4, 8 });

    private static IReadOnlyList<string> Cells(FirewallRule r) =>
    [
        r.Backend == FirewallBackend.Nftables ? "nft" : r.Family == "ip6" ? "ip6tables" : "iptables",
        $"{r.Family} {r.Table}",
        r.Chain,
        r.Hook ?? $"({Direction(r.Direction)})",
        r.Priority?.ToString(CultureInfo.InvariantCulture) ?? "-",
        r.IsPolicy ? $"policy {r.Policy}" : r.VerdictText,
        r.Protocol ?? "any",
        r.Ports.Count == 0 ? "any" : string.Join(" ", r.Ports),
        r.Handle?.ToString(CultureInfo.InvariantCulture) ?? "-",
    ];

    private static string Direction(FirewallDirection d) => d == FirewallDirection.None ? "unreached" : d.ToString().ToLowerInvariant().Replace(", ", "+", StringComparison.Ordinal);
}
