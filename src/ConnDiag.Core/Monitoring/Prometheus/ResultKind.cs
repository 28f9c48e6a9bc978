using System.Text.Json;
using ConnDiag.Secrets;
using ConnDiag.Serialization;

namespace ConnDiag.Monitoring.Prometheus;

/// <summary>The ConnDiag results metrics are made from, told apart by their documented JSON shape (docs/json.md).</summary>
public enum ResultKind
{
    /// <summary>An Endpoint report (<c>conndiag endpoint</c>, Test-Endpoint).</summary>
    Endpoint,

    /// <summary>A Claude connection report (<c>conndiag claude</c>, Test-ClaudeConnection).</summary>
    Claude,

    /// <summary>A TCP result (<c>conndiag tcp</c>, Test-TcpPort).</summary>
    Tcp,

    /// <summary>A TLS chain report (<c>conndiag tls</c>, Test-TlsChain).</summary>
    Tls,

    /// <summary>A clock result (<c>conndiag clock</c>, Test-ClockSkew).</summary>
    Clock,

    /// <summary>A DNS answer (<c>conndiag dns</c>, Resolve-DnsRecord).</summary>
    Dns,

    /// <summary>A provider status report (<c>conndiag status</c>, Get-ProviderStatus).</summary>
    Status,

    /// <summary>An endpoint sample (<c>conndiag watch --json</c>, Watch-Endpoint).</summary>
    Watch,
}

/// <summary>Detects which result a JSON element is, by the properties only that result has.</summary>
public static class ResultShapes
{
    // Each kind with the properties that together identify it, most specific first (a Claude report is also
    // an endpoint report, so it is tried before it).
    private static readonly (ResultKind Kind, string[] Properties, string Described)[] Shapes =
    [
        (ResultKind.Watch, ["sequence", "p95Ms", "state"], "'p95Ms' (a watch sample)"),
        (ResultKind.Claude, ["stages", "profile", "baseUrl"], "'profile' with 'stages' (a Claude connection report)"),
        (ResultKind.Endpoint, ["stages", "target", "outcome"], "'stages' (an endpoint report)"),
        (ResultKind.Tls, ["sentChain", "builtChain", "targetName"], "'sentChain' (a TLS chain report)"),
        (ResultKind.Tcp, ["targetName", "resolveMs", "attempts", "status"], "'resolveMs' (a TCP result)"),
        (ResultKind.Clock, ["source", "maximumOffsetMs", "offsetMs"], "'maximumOffsetMs' (a clock result)"),
        (ResultKind.Dns, ["name", "server", "responseCode", "answers"], "'responseCode' (a DNS answer)"),
        (ResultKind.Status, ["pageUrl", "indicator", "isOperational"], "'indicator' (a provider status report)"),
    ];

    /// <summary>The label value that names the kind in every series (<c>kind="endpoint"</c>).</summary>
    public static string LabelOf(ResultKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The kind of <paramref name="element"/>; <paramref name="number"/> (from 1) names it in the error.</summary>
    /// <exception cref="ResultInputException">The element is not an object of any known result shape.</exception>
    public static ResultKind Detect(JsonElement element, int number)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ResultInputException($"input {number} is {Describe(element.ValueKind)}, not a ConnDiag result: expected an object (or an array of them) as `conndiag ... --json` writes");
        }
        foreach (var (kind, properties, _) in Shapes)
        {
            if (properties.All(p => element.TryGetProperty(p, out _))) return kind;
        }
        var expected = string.Join(", ", Shapes.Select(s => s.Described));
        var has = string.Join(", ", element.EnumerateObject().Take(5).Select(p => "'" + SecretMasker.Default.MaskText(p.Name.Length > 40 ? p.Name[..40] + "…" : p.Name) + "'"));
        throw new ResultInputException($"input {number} is not a ConnDiag result: it has none of {expected} (its properties: {(has.Length == 0 ? "none" : has)}{(element.EnumerateObject().Count() > 5 ? ", ..." : "")})");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array inside an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "not an object",
    };
}
