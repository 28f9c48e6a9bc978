using System.Text.RegularExpressions;
using ConnDiag.Firewall.Iptables;
using ConnDiag.Firewall.Nft;

namespace ConnDiag.Firewall;

/// <summary>
/// Reads the packet-filter rules of this machine (or of a named network namespace) from nftables and iptables and
/// keeps those that can affect a port. Tables that iptables-nft manages appear in both listings: they are shown
/// once, from iptables-save, whose rule text has the match details nft's JSON leaves out.
/// </summary>
public sealed partial class FirewallRuleFinder
{
    private readonly FirewallTools _tools;

    /// <summary>A finder that runs nft, iptables-save and ip6tables-save from PATH with a 10 s timeout each.</summary>
    public FirewallRuleFinder() : this(new FirewallTools())
    {
    }

    internal FirewallRuleFinder(FirewallTools tools) => _tools = tools;

    /// <summary>Reads and filters the rules.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
    /// <exception cref="ArgumentException">The namespace name is not a valid name.</exception>
    public async Task<FirewallReadResult> FindAsync(FirewallQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = await ReadAllAsync(query, cancellationToken).ConfigureAwait(false);
        return all with { Rules = FirewallFilter.Apply(all.Rules, query) };
    }

    /// <summary>Every rule of the queried backends and namespace, unfiltered.</summary>
    public async Task<FirewallReadResult> ReadAllAsync(FirewallQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Firewall rules are read from nftables and iptables, which exist on Linux only.");
        }
        ValidateNamespace(query.NetworkNamespace);
        var netns = query.NetworkNamespace;
        var explicitIptables = query.Backends is { Count: > 0 } b && b.Contains(FirewallBackend.Iptables);

        var nft = query.Reads(FirewallBackend.Nftables)
            ? _tools.RunAsync(FirewallBackend.Nftables, "nft", ["-j", "list", "ruleset"], netns, cancellationToken)
            : null;
        var v4 = query.Reads(FirewallBackend.Iptables)
            ? _tools.RunAsync(FirewallBackend.Iptables, "iptables-save", ["-c"], netns, cancellationToken)
            : null;
        var v6 = query.Reads(FirewallBackend.Iptables)
            ? _tools.RunAsync(FirewallBackend.Iptables, "ip6tables-save", ["-c"], netns, cancellationToken)
            : null;

        var problems = new List<FirewallProblem>();
        var notes = new List<string>();
        var read = new List<FirewallBackend>();
        var nftRules = new List<FirewallRule>();
        var iptRules = new List<FirewallRule>();
        var managed = new List<(string Family, string Table)>();

        if (nft is not null)
        {
            var (output, _, problem) = await nft.ConfigureAwait(false);
            if (problem is not null) problems.Add(problem);
            else Parse(FirewallBackend.Nftables, "nft", () => NftRulesetParser.Parse(output!), nftRules, problems, read);
        }
        foreach (var (task, tool, family) in new[] { (v4, "iptables-save", "ip"), (v6, "ip6tables-save", "ip6") })
        {
            if (task is null) continue;
            var (output, warnings, problem) = await task.ConfigureAwait(false);
            if (problem is not null)
            {
                // Without iptables installed there can be no iptables rules to miss, unless they were asked for.
                if (problem.Kind == FirewallProblemKind.ToolMissing && !explicitIptables) notes.Add($"{tool} is not installed: {(family == "ip" ? "IPv4" : "IPv6")} iptables rules were not read.");
                else problems.Add(problem);
                continue;
            }
            var variant = IptablesSaveParser.Variant(output!);
            var source = variant is null ? tool : $"{tool} ({variant})";
            Parse(FirewallBackend.Iptables, tool, () => IptablesSaveParser.Parse(output!, family, source), iptRules, problems, read);
            if (variant == "nf_tables")
            {
                managed.AddRange(TableNames().Matches(output!).Select(m => (family, m.Groups[1].Value)));
            }
            // iptables-nft warns when the legacy (x_tables) interface holds rules too: they filter packets as well.
            if (warnings.Contains("iptables-legacy tables present", StringComparison.Ordinal))
            {
                await ReadLegacyAsync(tool.Replace("-save", "-legacy-save", StringComparison.Ordinal), family, netns, iptRules, problems, notes, cancellationToken).ConfigureAwait(false);
            }
        }

        if (managed.Count > 0 && nftRules.Count > 0)
        {
            var removed = nftRules.RemoveAll(r => managed.Contains((r.Family, r.Table)));
            if (removed > 0)
            {
                var tables = managed.Select(m => $"{m.Family} {m.Table}").Distinct().ToList();
                notes.Add(tables.Count == 1
                    ? $"Table {tables[0]} is managed by iptables-nft: its rules are listed once, from iptables-save."
                    : $"Tables {string.Join(", ", tables)} are managed by iptables-nft: their rules are listed once, from iptables-save.");
            }
        }
        return new FirewallReadResult([.. nftRules, .. iptRules], problems, notes, read.Distinct().ToList());
    }

    private async Task ReadLegacyAsync(string tool, string family, string? netns, List<FirewallRule> into, List<FirewallProblem> problems,
        List<string> notes, CancellationToken cancellationToken)
    {
        var (output, _, problem) = await _tools.RunAsync(FirewallBackend.Iptables, tool, ["-c"], netns, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            problems.Add(problem);
            return;
        }
        var before = into.Count;
        Parse(FirewallBackend.Iptables, tool, () => IptablesSaveParser.Parse(output!, family, tool), into, problems, []);
        if (into.Count > before) notes.Add($"iptables-legacy rules exist next to the nf_tables ones and also filter packets: listed from {tool}.");
    }

    private static void Parse(FirewallBackend backend, string tool, Func<IReadOnlyList<FirewallRule>> parse, List<FirewallRule> into,
        List<FirewallProblem> problems, List<FirewallBackend> read)
    {
        try
        {
            into.AddRange(parse());
            read.Add(backend);
        }
        catch (FormatException ex)
        {
            problems.Add(new FirewallProblem(backend, tool, FirewallProblemKind.Failed, $"{tool} output could not be parsed: {ex.Message}"));
        }
    }

    /// <summary>Names `ip netns` accepts: no path separators, not "." or "..", at most 255 characters.</summary>
    /// <exception cref="ArgumentException">Not a name `ip netns` could have made.</exception>
    public static void ValidateNamespace(string? name)
    {
        if (name is null) return;
        if (!NamespaceName().IsMatch(name) || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a network namespace name: use the name `ip netns list` shows (letters, digits, '.', '_', '-').", nameof(name));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamespaceName();

    [GeneratedRegex(@"^\*(\S+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TableNames();
}
