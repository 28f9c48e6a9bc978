using System.Globalization;
using System.Text.Json;

namespace ConnDiag.Firewall.Nft;

/// <summary>
/// Parses <c>nft -j list ruleset</c> (JSON schema 1) into <see cref="FirewallRule"/>s: every rule, plus one entry per
/// base chain for its policy. Named sets are expanded where a rule tests ports against them.
/// </summary>
internal static class NftRulesetParser
{
    private sealed record Chain(string Family, string Table, string Name, string? Hook, int? Priority, string? Policy);

    // Statements point into the parsed document, which stays alive until every rule is built (no copies).
    private sealed record Rule(string Family, string Table, string Chain, long? Handle, JsonElement[] Statements);

    /// <exception cref="FormatException">The text is not nft's JSON ruleset.</exception>
    public static IReadOnlyList<FirewallRule> Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"nft -j wrote something that is not JSON: {ex.Message}", ex);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("nft -j output has no \"nftables\" array.");
            }
            var chains = new List<Chain>();
            var rules = new List<Rule>();
            var sets = new Dictionary<(string, string, string), List<PortRange>>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                if (item.TryGetProperty("chain", out var c)) chains.Add(ReadChain(c));
                else if (item.TryGetProperty("rule", out var r)) rules.Add(ReadRule(r));
                else if (item.TryGetProperty("set", out var s) || item.TryGetProperty("map", out s)) ReadSet(s, sets);
            }
            return Build(chains, rules, sets);
        }
    }

    private static IReadOnlyList<FirewallRule> Build(List<Chain> chains, List<Rule> rules, Dictionary<(string, string, string), List<PortRange>> sets)
    {
        var byTable = chains.GroupBy(c => (c.Family, c.Table));
        var directions = new Dictionary<(string, string, string), FirewallDirection>();
        foreach (var table in byTable)
        {
            var hooks = table.Where(c => c.Hook is not null).ToDictionary(c => c.Name, c => c.Hook!, StringComparer.Ordinal);
            var jumps = rules.Where(r => r.Family == table.Key.Family && r.Table == table.Key.Table)
                .SelectMany(r => r.Statements.Where(MayJump).SelectMany(s => JumpTargets(s, 0)).Select(t => (r.Chain, t)));
            foreach (var (name, d) in ChainGraph.Directions(hooks, jumps)) directions[(table.Key.Family, table.Key.Table, name)] = d;
        }
        var chainOf = chains.GroupBy(c => (c.Family, c.Table, c.Name)).ToDictionary(g => g.Key, g => g.First());

        var result = new List<FirewallRule>();
        foreach (var chain in chains)
        {
            var key = (chain.Family, chain.Table, chain.Name);
            var direction = directions.GetValueOrDefault(key);
            foreach (var r in rules.Where(r => r.Family == chain.Family && r.Table == chain.Table && r.Chain == chain.Name))
            {
                result.Add(ToRule(r, chain, direction, sets));
            }
            if (chain.Hook is not null && chain.Policy is not null)
            {
                result.Add(new FirewallRule(FirewallBackend.Nftables, chain.Family, chain.Table, chain.Name, chain.Hook, chain.Priority, chain.Policy, direction,
                    chain.Policy == "drop" ? FirewallVerdict.Drop : FirewallVerdict.Accept, null, null, "", null, [], null,
                    $"policy {chain.Policy}", IsPolicy: true, null, null, "nft"));
            }
        }
        // Rules of chains the listing did not declare (never seen from nft, but cheap to keep).
        foreach (var r in rules.Where(r => !chainOf.ContainsKey((r.Family, r.Table, r.Chain))))
        {
            result.Add(ToRule(r, new Chain(r.Family, r.Table, r.Chain, null, null, null), FirewallDirection.None, sets));
        }
        return result;
    }

    private static FirewallRule ToRule(Rule r, Chain chain, FirewallDirection direction, Dictionary<(string, string, string), List<PortRange>> sets)
    {
        var verdict = FirewallVerdict.Continue;
        string? rejectType = null, target = null;
        var matches = new List<string>();
        var ports = new List<PortMatch>();
        var protocols = new List<string>();
        long? packets = null, bytes = null;
        var text = r.Statements.Select(s => NftText.Statement(s)).ToArray();
        for (var i = 0; i < r.Statements.Length; i++)
        {
            var s = r.Statements[i];
            if (s.ValueKind != JsonValueKind.Object) continue;
            var prop = s.EnumerateObject().FirstOrDefault();
            switch (prop.Name)
            {
                case "match":
                    matches.Add(text[i]);
                    ReadMatch(prop.Value, r, sets, ports, protocols);
                    break;
                case "counter" when prop.Value.ValueKind == JsonValueKind.Object:
                    packets = Long(prop.Value, "packets");
                    bytes = Long(prop.Value, "bytes");
                    break;
                case "accept": verdict = FirewallVerdict.Accept; break;
                case "drop": verdict = FirewallVerdict.Drop; break;
                case "return": verdict = FirewallVerdict.Return; break;
                case "continue": verdict = FirewallVerdict.Continue; break;
                case "reject":
                    verdict = FirewallVerdict.Reject;
                    rejectType = NftText.RejectText(prop.Value) ?? DefaultReject(chain.Family);
                    break;
                case "jump" or "goto":
                    verdict = prop.Name == "jump" ? FirewallVerdict.Jump : FirewallVerdict.Goto;
                    target = prop.Value.TryGetProperty("target", out var t) ? t.GetString() : null;
                    break;
                case "xt" when prop.Value.TryGetProperty("type", out var xtType) && xtType.GetString() == "target":
                    // iptables-nft rules whose target nft cannot show natively; iptables-save has the details.
                    var name = prop.Value.TryGetProperty("name", out var n) ? n.GetString() : null;
                    (verdict, target) = name switch
                    {
                        "REJECT" => (FirewallVerdict.Reject, null),
                        "DROP" => (FirewallVerdict.Drop, null),
                        "ACCEPT" => (FirewallVerdict.Accept, null),
                        _ => (FirewallVerdict.Other, name),
                    };
                    if (verdict == FirewallVerdict.Reject) rejectType = "(xtables REJECT: see iptables-save)";
                    break;
                case "xt":
                    matches.Add(text[i]);
                    break;
                case "vmap":
                    verdict = FirewallVerdict.Other;
                    target = "vmap";
                    matches.Add(text[i]);
                    ReadPorts(prop.Value.GetProperty("key"), prop.Value.GetProperty("data"), negated: false, r, sets, ports, protocols);
                    break;
                case "snat" or "dnat" or "masquerade" or "redirect" or "queue" or "synproxy" or "tproxy" or "fwd" or "dup":
                    verdict = FirewallVerdict.Other;
                    target = prop.Name;
                    break;
            }
        }
        return new FirewallRule(FirewallBackend.Nftables, r.Family, r.Table, r.Chain, chain.Hook, chain.Priority, chain.Policy, direction,
            verdict, rejectType, target, string.Join(' ', matches), protocols.Count == 0 ? null : string.Join(',', protocols.Distinct()),
            ports, r.Handle, string.Join(' ', text), IsPolicy: false, packets, bytes, "nft");
    }

    /// <summary>nft's reject without "with": ICMP port unreachable of the packet's family (icmpx in inet).</summary>
    private static string DefaultReject(string family) => family switch
    {
        "ip" => "icmp port-unreachable",
        "ip6" => "icmpv6 port-unreachable",
        _ => "icmpx port-unreachable",
    };

    private static void ReadMatch(JsonElement match, Rule r, Dictionary<(string, string, string), List<PortRange>> sets, List<PortMatch> ports, List<string> protocols)
    {
        if (!match.TryGetProperty("left", out var left) || !match.TryGetProperty("right", out var right)) return;
        var op = match.TryGetProperty("op", out var o) ? o.GetString() : "==";
        if (op is not ("==" or "in" or "!=")) return;
        ReadPorts(left, right, op == "!=", r, sets, ports, protocols);
        if (op == "!=") return;
        // meta l4proto tcp, ip protocol tcp, ip6 nexthdr { tcp, udp }
        var isProtocolKey =
            (left.TryGetProperty("meta", out var meta) && meta.TryGetProperty("key", out var k) && k.GetString() == "l4proto")
            || (left.TryGetProperty("payload", out var pl) && pl.TryGetProperty("field", out var f) && f.GetString() is "protocol" or "nexthdr"
                && pl.TryGetProperty("protocol", out var pp) && pp.GetString() is "ip" or "ip6");
        if (!isProtocolKey) return;
        var values = right.ValueKind == JsonValueKind.Object && right.TryGetProperty("set", out var set) ? set.EnumerateArray().ToArray() : [right];
        protocols.AddRange(values.Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
    }

    private static void ReadPorts(JsonElement left, JsonElement right, bool negated, Rule r, Dictionary<(string, string, string), List<PortRange>> sets, List<PortMatch> ports, List<string> protocols)
    {
        if (!left.TryGetProperty("payload", out var payload)
            || !payload.TryGetProperty("field", out var field) || field.GetString() is not ("dport" or "sport")
            || !payload.TryGetProperty("protocol", out var proto))
        {
            return;
        }
        var protocol = proto.GetString();
        if (protocol is "tcp" or "udp" or "sctp" or "dccp" or "udplite") protocols.Add(protocol);
        var which = field.GetString() == "dport" ? PortField.Destination : PortField.Source;
        string? setName = null;
        List<PortRange> ranges;
        if (right.ValueKind == JsonValueKind.String && right.GetString() is { } s && s.StartsWith('@'))
        {
            setName = s[1..];
            ranges = sets.GetValueOrDefault((r.Family, r.Table, setName)) ?? [];
        }
        else
        {
            ranges = [];
            AddRanges(right, ranges);
        }
        ports.Add(new PortMatch(which, negated, ranges, setName));
    }

    /// <summary>Ports of a value: 80, "80", {"range":[a,b]}, {"set":[...]}, {"elem":{"val":...}}, vmap pairs [key, verdict].</summary>
    private static void AddRanges(JsonElement v, List<PortRange> into, int depth = 0)
    {
        if (depth > 8) return;
        switch (v.ValueKind)
        {
            case JsonValueKind.Number when v.TryGetInt32(out var n):
                into.Add(new PortRange(n, n));
                return;
            case JsonValueKind.String when int.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                into.Add(new PortRange(n, n));
                return;
            case JsonValueKind.Array when v.GetArrayLength() == 2 && v[1].ValueKind == JsonValueKind.Object && IsVerdict(v[1]):
                AddRanges(v[0], into, depth + 1);
                return;
            case JsonValueKind.Array:
                foreach (var x in v.EnumerateArray()) AddRanges(x, into, depth + 1);
                return;
            case JsonValueKind.Object:
                if (v.TryGetProperty("range", out var range) && range.ValueKind == JsonValueKind.Array && range.GetArrayLength() == 2
                    && range[0].TryGetInt32(out var from) && range[1].TryGetInt32(out var to))
                {
                    into.Add(new PortRange(from, to));
                }
                else if (v.TryGetProperty("set", out var set)) AddRanges(set, into, depth + 1);
                else if (v.TryGetProperty("elem", out var elem) && elem.TryGetProperty("val", out var val)) AddRanges(val, into, depth + 1);
                return;
        }
    }

    private static bool IsVerdict(JsonElement e) =>
        e.EnumerateObject().FirstOrDefault().Name is "accept" or "drop" or "continue" or "return" or "jump" or "goto";

    private static void ReadSet(JsonElement s, Dictionary<(string, string, string), List<PortRange>> sets)
    {
        var family = s.TryGetProperty("family", out var f) ? f.GetString() : null;
        var table = s.TryGetProperty("table", out var t) ? t.GetString() : null;
        var name = s.TryGetProperty("name", out var n) ? n.GetString() : null;
        if (family is null || table is null || name is null) return;
        var ranges = new List<PortRange>();
        // Only sets of ports mean anything here; an address set's elements are strings and yield nothing.
        if (s.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "inet_service"
            && s.TryGetProperty("elem", out var elem))
        {
            AddRanges(elem, ranges);
        }
        sets[(family, table, name)] = ranges;
    }

    /// <summary>Jumps are top-level statements or sit in a verdict map; only those statements are walked.</summary>
    private static bool MayJump(JsonElement statement) =>
        statement.ValueKind == JsonValueKind.Object && statement.EnumerateObject().FirstOrDefault().Name is "jump" or "goto" or "vmap" or "map";

    private static IEnumerable<string> JumpTargets(JsonElement e, int depth)
    {
        if (depth > 32) yield break;
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (p.Name is "jump" or "goto" && p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("target", out var t) && t.GetString() is { } target)
                {
                    yield return target;
                }
                else
                {
                    foreach (var x in JumpTargets(p.Value, depth + 1)) yield return x;
                }
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in e.EnumerateArray())
            {
                foreach (var y in JumpTargets(x, depth + 1)) yield return y;
            }
        }
    }

    private static Chain ReadChain(JsonElement c) => new(
        Str(c, "family"), Str(c, "table"), Str(c, "name"),
        c.TryGetProperty("hook", out var h) ? h.GetString() : null,
        c.TryGetProperty("prio", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var prio) ? prio : null,
        c.TryGetProperty("policy", out var pol) ? pol.GetString() : null);

    private static Rule ReadRule(JsonElement r) => new(
        Str(r, "family"), Str(r, "table"), Str(r, "chain"), Long(r, "handle"),
        r.TryGetProperty("expr", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToArray() : []);

    private static string Str(JsonElement o, string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static long? Long(JsonElement o, string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
}
