using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ConnDiag.Firewall.Iptables;

/// <summary>
/// Parses <c>iptables-save -c</c> / <c>ip6tables-save -c</c> text: <c>*table</c>, <c>:CHAIN POLICY [p:b]</c>,
/// <c>[p:b] -A CHAIN ...</c>, <c>COMMIT</c>. Built-in chains become base chains with their policy entry; user chains
/// get their direction from the built-in chains that jump to them.
/// </summary>
internal static partial class IptablesSaveParser
{
    private const int MaxTokens = 512;
    private static readonly string[] BuiltIn = ["INPUT", "OUTPUT", "FORWARD", "PREROUTING", "POSTROUTING"];

    private sealed record ChainDecl(string Name, string? Policy, long? Packets, long? Bytes);

    private sealed record Line(string Chain, string Text, List<string> Tokens, long? Packets, long? Bytes);

    /// <summary>The variant from the header ("nf_tables" or "legacy"), or null when there is no header.</summary>
    public static string? Variant(string text) => HeaderRegex().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    /// <param name="text">The tool's output.</param>
    /// <param name="family">"ip" for iptables-save, "ip6" for ip6tables-save.</param>
    /// <param name="source">The label rules carry, e.g. "iptables-save (nf_tables)".</param>
    /// <exception cref="FormatException">A line that is none of the save format's line kinds.</exception>
    public static IReadOnlyList<FirewallRule> Parse(string text, string family, string source)
    {
        var result = new List<FirewallRule>();
        string? table = null;
        var chains = new List<ChainDecl>();
        var lines = new List<Line>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith('*'))
            {
                table = line[1..];
                chains.Clear();
                lines.Clear();
            }
            else if (line == "COMMIT")
            {
                if (table is null) throw new FormatException($"line {number}: COMMIT outside a table");
                result.AddRange(Build(family, table, chains, lines, source));
                table = null;
            }
            else if (line.StartsWith(':') && table is not null)
            {
                chains.Add(ReadChain(line, number));
            }
            else if (table is not null && ReadRule(line) is { } rule)
            {
                lines.Add(rule);
            }
            else
            {
                throw new FormatException($"line {number}: not iptables-save output: {Shorten(line)}");
            }
        }
        return result;
    }

    private static IEnumerable<FirewallRule> Build(string family, string table, List<ChainDecl> chains, List<Line> lines, string source)
    {
        var hooks = chains.Where(c => c.Policy is not null && BuiltIn.Contains(c.Name)).ToDictionary(c => c.Name, c => c.Name.ToLowerInvariant(), StringComparer.Ordinal);
        var jumps = lines.Select(l => (l.Chain, Target: TargetOf(l.Tokens).Chain)).Where(j => j.Target is not null).Select(j => (j.Chain, j.Target!));
        var directions = ChainGraph.Directions(hooks, jumps);
        var userChains = chains.Where(c => c.Policy is null).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var chain in chains)
        {
            var hook = hooks.GetValueOrDefault(chain.Name);
            var priority = hook is null ? null : Priority(table, hook);
            var direction = directions.GetValueOrDefault(chain.Name);
            foreach (var l in lines.Where(l => l.Chain == chain.Name))
            {
                yield return ToRule(family, table, chain, hook, priority, direction, l, userChains, source);
            }
            if (hook is not null)
            {
                var policy = chain.Policy!.ToLowerInvariant();
                yield return new FirewallRule(FirewallBackend.Iptables, family, table, chain.Name, hook, priority, policy, direction,
                    policy == "drop" ? FirewallVerdict.Drop : FirewallVerdict.Accept, null, null, "", null, [], null,
                    $"-P {chain.Name} {chain.Policy}", IsPolicy: true, chain.Packets, chain.Bytes, source);
            }
        }
    }

    private static FirewallRule ToRule(string family, string table, ChainDecl chain, string? hook, int? priority, FirewallDirection direction,
        Line l, HashSet<string> userChains, string source)
    {
        var (verdict, target, rejectType) = Verdict(l.Tokens, userChains);
        var ports = new List<PortMatch>();
        string? protocol = null;
        var matchTokens = new List<string>();
        var negate = false;
        for (var i = 0; i < l.Tokens.Count; i++)
        {
            var t = l.Tokens[i];
            if (t is "-j" or "--jump" or "-g" or "--goto") break;
            matchTokens.Add(Quote(t));
            if (t == "!")
            {
                negate = true;
                continue;
            }
            var next = i + 1 < l.Tokens.Count ? l.Tokens[i + 1] : null;
            var neg = negate;
            negate = false;
            // Newer iptables versions write "! --dport 22", older "--dport ! 22".
            if (next == "!" && i + 2 < l.Tokens.Count)
            {
                neg = true;
                matchTokens.Add("!");
                i++;
                next = l.Tokens[i + 1];
            }
            switch (t)
            {
                case "-p" or "--protocol" when next is not null && !neg:
                    protocol = next.ToLowerInvariant();
                    break;
                case "--dport" or "--destination-port" or "--dports" or "--destination-ports" when next is not null:
                    ports.Add(new PortMatch(PortField.Destination, neg, Ranges(next)));
                    break;
                case "--sport" or "--source-port" or "--sports" or "--source-ports" when next is not null:
                    ports.Add(new PortMatch(PortField.Source, neg, Ranges(next)));
                    break;
                case "--ports" when next is not null:
                    ports.Add(new PortMatch(PortField.Destination, neg, Ranges(next)));
                    break;
            }
        }
        return new FirewallRule(FirewallBackend.Iptables, family, table, l.Chain, hook, priority, chain.Policy?.ToLowerInvariant(), direction,
            verdict, rejectType, target, string.Join(' ', matchTokens), protocol, ports, null, l.Text, IsPolicy: false, l.Packets, l.Bytes, source);
    }

    private static (FirewallVerdict, string?, string?) Verdict(List<string> tokens, HashSet<string> userChains)
    {
        var (jumpTarget, isGoto) = TargetOf(tokens) is var t && t.Chain is not null ? (t.Chain, t.Goto) : (null, false);
        var targetIndex = tokens.FindIndex(x => x is "-j" or "--jump");
        var name = targetIndex >= 0 && targetIndex + 1 < tokens.Count ? tokens[targetIndex + 1] : null;
        if (isGoto) return (FirewallVerdict.Goto, jumpTarget, null);
        return name switch
        {
            null => (FirewallVerdict.Continue, null, null),
            "ACCEPT" => (FirewallVerdict.Accept, null, null),
            "DROP" => (FirewallVerdict.Drop, null, null),
            "RETURN" => (FirewallVerdict.Return, null, null),
            "REJECT" => (FirewallVerdict.Reject, null, ValueAfter(tokens, "--reject-with") ?? "icmp-port-unreachable"),
            _ when userChains.Contains(name) => (FirewallVerdict.Jump, name, null),
            _ => (FirewallVerdict.Other, name, null),
        };
    }

    /// <summary>The user chain a rule jumps or goes to (built-in targets such as ACCEPT or LOG are not chains).</summary>
    private static (string? Chain, bool Goto) TargetOf(List<string> tokens)
    {
        var g = tokens.FindIndex(x => x is "-g" or "--goto");
        if (g >= 0 && g + 1 < tokens.Count) return (tokens[g + 1], true);
        var j = tokens.FindIndex(x => x is "-j" or "--jump");
        if (j >= 0 && j + 1 < tokens.Count && !IsBuiltInTarget(tokens[j + 1])) return (tokens[j + 1], false);
        return (null, false);
    }

    // Extension targets are upper case by convention; user chains may be any case, so only a small known list is excluded.
    private static bool IsBuiltInTarget(string name) => name is "ACCEPT" or "DROP" or "REJECT" or "RETURN" or "LOG" or "NFLOG" or "ULOG"
        or "DNAT" or "SNAT" or "MASQUERADE" or "REDIRECT" or "MARK" or "CONNMARK" or "CT" or "NOTRACK" or "TCPMSS" or "TPROXY"
        or "NFQUEUE" or "QUEUE" or "TRACE" or "CHECKSUM" or "CLASSIFY" or "DSCP" or "TOS" or "TTL" or "HL" or "AUDIT" or "SET" or "TEE";

    private static string? ValueAfter(List<string> tokens, string option)
    {
        var i = tokens.IndexOf(option);
        return i >= 0 && i + 1 < tokens.Count ? tokens[i + 1] : null;
    }

    /// <summary>"80", "1000:2000", "80,443,8000:8100" (a missing bound means 0 or 65535).</summary>
    private static List<PortRange> Ranges(string text)
    {
        var result = new List<PortRange>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split(':');
            var from = bounds[0].Length == 0 ? 0 : Port(bounds[0]);
            var to = bounds.Length > 1 ? (bounds[1].Length == 0 ? 65535 : Port(bounds[1])) : from;
            if (from is { } f && to is { } t) result.Add(new PortRange(f, t));
        }
        return result;
    }

    private static int? Port(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The priorities xtables registers its tables at (NF_IP_PRI_*), as nft shows them.</summary>
    private static int? Priority(string table, string hook) => table switch
    {
        "raw" => -300,
        "mangle" => -150,
        "nat" => hook is "prerouting" or "output" ? -100 : 100,
        "filter" => 0,
        "security" => 50,
        _ => null,
    };

    private static ChainDecl ReadChain(string line, int number)
    {
        var m = ChainRegex().Match(line);
        if (!m.Success) throw new FormatException($"line {number}: bad chain line: {Shorten(line)}");
        var policy = m.Groups[2].Value;
        return new ChainDecl(m.Groups[1].Value, policy == "-" ? null : policy,
            m.Groups[3].Success ? long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : null,
            m.Groups[4].Success ? long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) : null);
    }

    private static Line? ReadRule(string line)
    {
        long? packets = null, bytes = null;
        var rest = line;
        var counters = CounterRegex().Match(line);
        if (counters.Success)
        {
            packets = long.Parse(counters.Groups[1].Value, CultureInfo.InvariantCulture);
            bytes = long.Parse(counters.Groups[2].Value, CultureInfo.InvariantCulture);
            rest = line[counters.Length..].TrimStart();
        }
        if (!rest.StartsWith("-A ", StringComparison.Ordinal)) return null;
        var tokens = Tokenize(rest);
        if (tokens.Count < 2) return null;
        return new Line(tokens[1], rest, tokens.Skip(2).ToList(), packets, bytes);
    }

    /// <summary>Splits like iptables-save quotes: "a b" is one token, \" inside quotes is a quote.</summary>
    internal static List<string> Tokenize(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        bool quoted = false, any = false;
        for (var i = 0; i < line.Length && tokens.Count < MaxTokens; i++)
        {
            var c = line[i];
            if (quoted && c == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\')
            {
                current.Append(line[++i]);
            }
            else if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0 || any) tokens.Add(current.ToString());
                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0 || any) tokens.Add(current.ToString());
        return tokens;
    }

    private static string Quote(string token) => token.Length == 0 || token.Any(char.IsWhiteSpace) ? $"\"{token.Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : token;

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..80] + "…";

    [GeneratedRegex(@"^# Generated by ip6?tables-save v[\d.]+ \(([a-z_]+)\)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderRegex();

    [GeneratedRegex(@"^:(\S+) (\S+)(?: \[(\d+):(\d+)\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ChainRegex();

    [GeneratedRegex(@"^\[(\d+):(\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex CounterRegex();
}
