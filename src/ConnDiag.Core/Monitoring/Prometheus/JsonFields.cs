using System.Globalization;
using System.Text.Json;

namespace ConnDiag.Monitoring.Prometheus;

/// <summary>Lenient reads of documented properties: a property missing, null or of another type is "no value", never an error.</summary>
internal static class JsonFields
{
    public static double? Number(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : null;

    /// <summary>Milliseconds as seconds, rounded to the nanosecond so that 1.7977 ms is written 0.0017977, not 0.0017977000000000002.</summary>
    public static double? Seconds(JsonElement e, string millisecondsName) => Number(e, millisecondsName) is { } ms ? Math.Round(ms / 1000, 9) : null;

    public static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool? Flag(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean()
            : null;

    public static JsonElement? Object(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    public static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray()
            : [];

    /// <summary>An ISO 8601 time as Unix seconds (with fractions).</summary>
    public static double? UnixSeconds(JsonElement e, string name) =>
        Text(e, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? Math.Round((t - DateTimeOffset.UnixEpoch).TotalSeconds, 3)
            : null;

    public static double OneIf(bool condition) => condition ? 1 : 0;
}
