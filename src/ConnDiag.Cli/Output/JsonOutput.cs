using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnDiag.Cli.Output;

/// <summary>
/// The one serializer setup for --json: the engine's records as they are, camelCase, enums as their names,
/// addresses as strings, nulls written (so every documented property is always present), indented.
/// docs/json.md describes the result and a test holds the two together.
/// </summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = Create();

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
