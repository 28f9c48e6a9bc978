using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Net;
using ConnDiag.Ports;
using ConnDiag.Tcp;

namespace ConnDiag.Firewall;

/// <summary>
/// Names the firewall rule behind a connect to THIS machine that timed out (a drop), was rejected with ICMP
/// administratively prohibited, or was reset by a reject rule. One ruleset read serves a whole sweep (refreshed after
/// <see cref="MaxAge"/>), as the listener table does for <see cref="LocalListenerCheck"/>.
/// </summary>
public sealed class LocalFirewallCheck
{
    private const int MaxRulesNamed = 3;
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);
    private readonly FirewallRuleFinder _finder;
    private readonly string? _netns;
    private readonly object _gate = new();
    private Task<FirewallReadResult>? _snapshot;
    private DateTime _takenAt;

    private static readonly Lazy<LocalFirewallCheck> SharedCheck = new(() => new LocalFirewallCheck(new FirewallRuleFinder()));

    /// <summary>
    /// One check for the whole process: a sweep or an endpoint list creates a probe per target, and they all share
    /// one ruleset read per <see cref="MaxAge"/> instead of running nft and iptables-save per target.
    /// </summary>
    public static LocalFirewallCheck Shared => SharedCheck.Value;

    public LocalFirewallCheck(FirewallRuleFinder finder) : this(finder, null)
    {
    }

    /// <param name="finder">Reads the rules.</param>
    /// <param name="netns">Read another namespace's rules (tests: the process connects in its own namespace).</param>
    internal LocalFirewallCheck(FirewallRuleFinder finder, string? netns)
    {
        _finder = finder;
        _netns = netns;
    }

    /// <summary>LOCAL.FIREWALL_RULE findings (or LOCAL.FIREWALL_UNREADABLE) for the failed local attempts of one target.</summary>
    public async Task<IReadOnlyList<Finding>> ExplainAsync(int port, IReadOnlyList<TcpAttempt> attempts, CancellationToken cancellationToken)
    {
        var local = attempts.Where(a => a.State is TcpPortState.Filtered or TcpPortState.AdminProhibited or TcpPortState.Closed
            && LocalAddresses.IsLocal(a.RemoteAddress)).ToList();
        if (local.Count == 0) return [];

        FirewallReadResult rules;
        try
        {
            rules = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformNotSupportedException)
        {
            return [];
        }
        var blocked = local.Where(a => a.State != TcpPortState.Closed).ToList();
        if (rules.NothingRead)
        {
            // A refusal has other explanations; a drop on this machine is a firewall, so say we could not look.
            if (blocked.Count == 0) return [];
            return [FindingCatalog.Create(FindingCodes.LocalFirewallUnreadable,
                $"The firewall rules of this machine could not be read to explain why {string.Join(", ", blocked.Select(a => a.Endpoint))} {(blocked.Any(a => a.State == TcpPortState.Filtered) ? "timed out" : "was rejected")}.",
                string.Join(" ", rules.Problems.Select(p => p.Message)))];
        }

        var query = new FirewallQuery(port, TransportProtocol.Tcp, FirewallDirection.Inbound | FirewallDirection.Outbound);
        var named = new List<(FirewallRule Rule, List<TcpAttempt> Attempts)>();
        foreach (var a in local)
        {
            foreach (var rule in Responsible(rules.Rules, query, a))
            {
                var entry = named.FirstOrDefault(n => n.Rule == rule);
                if (entry.Rule is null) named.Add((rule, [a]));
                else entry.Attempts.Add(a);
            }
        }
        return named.Take(MaxRulesNamed).Select(n => Describe(n.Rule, port, n.Attempts)).ToList();
    }

    /// <summary>
    /// The blocking rules that fit what was observed: those naming the port first; only when none does, the
    /// catch-all drops and drop policies (never for a refusal, which needs a rule that answers).
    /// </summary>
    private static List<FirewallRule> Responsible(IReadOnlyList<FirewallRule> rules, FirewallQuery query, TcpAttempt a)
    {
        var fitting = rules.Where(r => r.Blocks && FirewallFilter.Matches(r, query) && AppliesTo(r, a.RemoteAddress) && Fits(r, a.State)).ToList();
        var naming = fitting.Where(r => r.Ports.Count > 0).ToList();
        if (naming.Count > 0 || a.State == TcpPortState.Closed) return naming;
        // Rules before policies: a catch-all drop decides before the policy would.
        return fitting.OrderBy(r => r.IsPolicy).ToList();
    }

    private static bool AppliesTo(FirewallRule r, IPAddress address)
    {
        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6;
        return r.Family switch
        {
            "ip" => !v6,
            "ip6" => v6,
            "inet" or "netdev" => true,
            _ => false,
        };
    }

    private static bool Fits(FirewallRule r, TcpPortState state)
    {
        var type = r.RejectType ?? "";
        var unknown = type.Contains("xtables", StringComparison.Ordinal);
        return state switch
        {
            TcpPortState.Filtered => r.Verdict == FirewallVerdict.Drop,
            TcpPortState.AdminProhibited => r.Verdict == FirewallVerdict.Reject && (unknown || type.Contains("admin", StringComparison.Ordinal) || type.Contains("adm-prohibited", StringComparison.Ordinal)),
            TcpPortState.Closed => r.Verdict == FirewallVerdict.Reject && (unknown || type.Contains("reset", StringComparison.Ordinal) || type.Contains("port-unreach", StringComparison.Ordinal)),
            _ => false,
        };
    }

    private static Finding Describe(FirewallRule rule, int port, List<TcpAttempt> attempts)
    {
        var where = string.Join(", ", attempts.Select(a => a.Endpoint));
        var backend = rule.Backend == FirewallBackend.Nftables ? "nftables" : rule.Family == "ip6" ? "ip6tables" : "iptables";
        // A rule without a port condition also tests addresses or interfaces ConnDiag does not evaluate: it can, not does.
        var verb = (rule.Ports.Count > 0, rule.Verdict == FirewallVerdict.Drop) switch
        {
            (true, true) => "drops",
            (true, false) => $"rejects ({rule.RejectType})",
            (false, true) => "can drop",
            (false, false) => $"can reject ({rule.RejectType})",
        };
        var summary = rule.IsPolicy
            ? $"The drop policy of {backend} chain {rule.Family} {rule.Table} {rule.Chain} (hook {rule.Hook}) drops TCP port {port.ToString(CultureInfo.InvariantCulture)} to {where}: no rule before it lets the port through."
            : $"{backend} rule {rule.Location} {verb} TCP port {port.ToString(CultureInfo.InvariantCulture)} to {where}: {rule.RuleText}";
        var chain = rule.Hook is not null
            ? $"hook {rule.Hook}, priority {rule.Priority?.ToString(CultureInfo.InvariantCulture) ?? "?"}, policy {rule.Policy ?? "?"}"
            : $"regular chain reached from {rule.Direction} base chains";
        var counters = rule.Packets is { } p ? $"; counter: {p.ToString(CultureInfo.InvariantCulture)} packet(s)" : "";
        var observed = string.Join("; ", attempts.Select(a => $"{a.Endpoint}: {a.State} ({a.Detail})"));
        var evidence = $"{rule.Source}: table {rule.Family} {rule.Table}, chain {rule.Chain} ({chain}), {(rule.IsPolicy ? "policy drop" : $"rule `{rule.RuleText}`")}{counters}. Connects: {observed}.";
        return FindingCatalog.Create(FindingCodes.LocalFirewallRule, summary, evidence, FirewallRemedies.For(rule, port));
    }

    private Task<FirewallReadResult> SnapshotAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_snapshot is null || _snapshot.IsFaulted || _snapshot.IsCanceled || DateTime.UtcNow - _takenAt > MaxAge)
            {
                _takenAt = DateTime.UtcNow;
                _snapshot = _finder.ReadAllAsync(new FirewallQuery(NetworkNamespace: _netns), cancellationToken);
            }
            return _snapshot;
        }
    }
}
