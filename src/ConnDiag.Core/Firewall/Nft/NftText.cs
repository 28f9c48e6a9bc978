using System.Globalization;
using System.Text.Json;

namespace ConnDiag.Firewall.Nft;

/// <summary>
/// Renders the expressions and statements of <c>nft -j</c> output back into nft's own syntax, close to what
/// <c>nft list ruleset</c> prints, so a rule reads the way its author wrote it. Anything not known here is shown
/// as its compact JSON rather than dropped.
/// </summary>
internal static class NftText
{
    private const int MaxDepth = 32;

    /// <summary>A value expression: payload, meta, set, range, prefix, number, string ...</summary>
    public static string Expression(JsonElement e, int depth = 0)
    {
        if (depth > MaxDepth) return "…";
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return e.GetRawText();
            case JsonValueKind.String:
                return e.GetString() ?? "";
            case JsonValueKind.Array:
                // A list of flags or values, e.g. ct state { "established", "related" } in the JSON form.
                return string.Join(",", e.EnumerateArray().Select(x => Expression(x, depth + 1)));
            case JsonValueKind.Object:
                break;
            default:
                return e.GetRawText();
        }
        foreach (var p in e.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "payload" when v.TryGetProperty("protocol", out var proto) && v.TryGetProperty("field", out var field):
                    return $"{proto.GetString()} {field.GetString()}";
                case "payload" when v.TryGetProperty("base", out var b):
                    return $"@{b.GetString()},{Expression(v.GetProperty("offset"))},{Expression(v.GetProperty("len"))}";
                case "meta" when v.TryGetProperty("key", out var key):
                    return key.GetString() is "iifname" or "oifname" or "iif" or "oif" ? key.GetString()! : $"meta {key.GetString()}";
                case "ct" when v.TryGetProperty("key", out var ctKey):
                    return v.TryGetProperty("dir", out var dir) ? $"ct {dir.GetString()} {ctKey.GetString()}" : $"ct {ctKey.GetString()}";
                case "prefix":
                    return $"{Expression(v.GetProperty("addr"), depth + 1)}/{Expression(v.GetProperty("len"))}";
                case "range" when v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 2:
                    return $"{Expression(v[0], depth + 1)}-{Expression(v[1], depth + 1)}";
                case "set":
                    return v.ValueKind == JsonValueKind.Array
                        ? "{ " + string.Join(", ", v.EnumerateArray().Select(x => SetElement(x, depth + 1))) + " }"
                        : "{ " + Expression(v, depth + 1) + " }";
                case "concat" when v.ValueKind == JsonValueKind.Array:
                    return string.Join(" . ", v.EnumerateArray().Select(x => Expression(x, depth + 1)));
                case "elem" when v.TryGetProperty("val", out var val):
                    return Expression(val, depth + 1);
                case "fib":
                    return "fib " + Expression(v.TryGetProperty("flags", out var flags) ? flags : default, depth + 1) + " " + Str(v, "result");
                case "tcp option" or "ip option" or "exthdr" when v.TryGetProperty("name", out var n):
                    return $"{p.Name} {n.GetString()} {Str(v, "field")}".TrimEnd();
                case "socket" or "osf" or "rt" or "numgen" or "hash" or "symhash" or "jhash":
                    return $"{p.Name} {Compact(v)}";
            }
            break;
        }
        return Compact(e);
    }

    private static string SetElement(JsonElement x, int depth) =>
        // Verdict maps: [key, verdict] pairs.
        x.ValueKind == JsonValueKind.Array && x.GetArrayLength() == 2
            ? $"{Expression(x[0], depth)} : {Statement(x[1], depth)}"
            : Expression(x, depth);

    /// <summary>One statement of a rule: a match, a verdict, counter, log, nat ...</summary>
    public static string Statement(JsonElement s, int depth = 0)
    {
        if (depth > MaxDepth) return "…";
        if (s.ValueKind != JsonValueKind.Object) return Compact(s);
        foreach (var p in s.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "match":
                    var left = Expression(v.GetProperty("left"), depth + 1);
                    var right = Expression(v.GetProperty("right"), depth + 1);
                    var op = v.TryGetProperty("op", out var o) ? o.GetString() : "==";
                    return op is "==" or "in" ? $"{left} {right}" : $"{left} {op} {right}";
                case "counter" when v.ValueKind == JsonValueKind.Object:
                    return $"counter packets {Str(v, "packets")} bytes {Str(v, "bytes")}";
                case "counter":
                    return v.ValueKind == JsonValueKind.String ? $"counter name \"{v.GetString()}\"" : "counter";
                case "accept" or "drop" or "continue" or "return" or "notrack" or "masquerade" when v.ValueKind is JsonValueKind.Null or JsonValueKind.Object:
                    return p.Name;
                case "jump" or "goto":
                    return $"{p.Name} {Str(v, "target")}";
                case "reject":
                    return RejectText(v) is { } t ? $"reject with {t}" : "reject";
                case "log":
                    return v.ValueKind == JsonValueKind.Object && v.TryGetProperty("prefix", out var prefix) ? $"log prefix \"{prefix.GetString()}\"" : "log";
                case "limit" when v.ValueKind == JsonValueKind.Object:
                    return $"limit rate {(v.TryGetProperty("inv", out var inv) && inv.ValueKind == JsonValueKind.True ? "over " : "")}{Str(v, "rate")}/{Str(v, "per")}";
                case "snat" or "dnat" or "redirect" when v.ValueKind == JsonValueKind.Object:
                    var addr = v.TryGetProperty("addr", out var a) ? Expression(a, depth + 1) : "";
                    var port = v.TryGetProperty("port", out var pt) ? ":" + Expression(pt, depth + 1) : "";
                    return $"{p.Name} to {addr}{port}";
                case "xt":
                    return $"xt {Str(v, "type")} \"{Str(v, "name")}\"";
                case "vmap":
                    return $"{Expression(v.GetProperty("key"), depth + 1)} vmap {Expression(v.GetProperty("data"), depth + 1)}";
                case "mangle":
                    return $"{Expression(v.GetProperty("key"), depth + 1)} set {Expression(v.GetProperty("value"), depth + 1)}";
                case "queue":
                    return "queue";
            }
            return $"{p.Name} {Compact(v)}";
        }
        return Compact(s);
    }

    /// <summary>"icmpx admin-prohibited", "tcp reset", "icmp port-unreachable"; null for a bare reject.</summary>
    public static string? RejectText(JsonElement reject)
    {
        if (reject.ValueKind != JsonValueKind.Object) return null;
        var type = reject.TryGetProperty("type", out var t) ? t.GetString() : null;
        var code = reject.TryGetProperty("expr", out var x) ? Expression(x) : null;
        if (type is null) return code;
        return code is null ? type : $"{type} {code}";
    }

    private static string Str(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText()
            : "";

    private static string Compact(JsonElement e) => e.ValueKind == JsonValueKind.Undefined ? "" : JsonSerializer.Serialize(e);

    internal static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
