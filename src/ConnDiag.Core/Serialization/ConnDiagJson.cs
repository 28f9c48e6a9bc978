using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnDiag.Serialization;

/// <summary>
/// The one JSON shape of every ConnDiag result: the engine's records as they are, camelCase, enums as their
/// names, addresses as strings, nulls written (so every documented property is always present), indented.
/// The CLI's --json writes it (docs/json.md describes it and a test holds the two together); consumers of
/// results (Prometheus metrics, HTML/Markdown reports) read the same shape, so a report piped back in from
/// <c>conndiag ... --json</c> and an object handed over by a cmdlet go through one code path.
/// </summary>
public static class ConnDiagJson
{
    /// <summary>Serializer options for writing and reading ConnDiag results.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Any ConnDiag result as a JSON element in the documented shape.</summary>
    public static JsonElement ToElement(object result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.SerializeToElement(result, result.GetType(), Options);
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = new ConnDiagNamingPolicy(),
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // Host names, process names and command lines may hold any character: relaxed escaping keeps
            // non-ASCII text readable (control characters and quotes are still escaped; this is never HTML).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new IPAddressJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// camelCase, except that a leading "IPv" becomes "ipv": the stock policy turns IPv6Only into "iPv6Only",
    /// which nobody would guess when writing a jq filter.
    /// </summary>
    private sealed class ConnDiagNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) =>
            name.StartsWith("IPv", StringComparison.Ordinal) ? "ipv" + name[3..] : CamelCase.ConvertName(name);
    }
}
