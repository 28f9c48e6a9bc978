using System.Text;
using System.Text.Json;

namespace ConnDiag.Logs;

/// <summary>
/// One entry of <c>journalctl -o json</c>: a JSON object per line with MESSAGE, __REALTIME_TIMESTAMP (µs since the
/// epoch), _SYSTEMD_UNIT and _PID. journald writes MESSAGE as an array of byte values when it is not valid UTF-8.
/// </summary>
internal static class JournalLine
{
    /// <summary>The entry as <c>UNIT[PID]: MESSAGE</c> and its time, or false when the line is not a journald JSON entry.</summary>
    public static bool TryParse(string line, out string text, out DateTimeOffset? timestamp)
    {
        text = line;
        timestamp = null;
        var trimmed = line.AsSpan().TrimStart();
        if (trimmed.Length == 0 || trimmed[0] != '{' || !line.Contains("\"MESSAGE\"", StringComparison.Ordinal)) return false;
        try
        {
            using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 8 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("MESSAGE", out var message)) return false;
            var body = message.ValueKind switch
            {
                JsonValueKind.String => message.GetString() ?? "",
                JsonValueKind.Array => DecodeBytes(message),
                _ => message.GetRawText(),
            };
            var unit = Field(root, "_SYSTEMD_UNIT") ?? Field(root, "SYSLOG_IDENTIFIER") ?? Field(root, "_COMM");
            var pid = Field(root, "_PID");
            var prefix = unit is null ? "" : pid is null ? unit + ": " : $"{unit}[{pid}]: ";
            text = prefix + body;
            timestamp = LogTimestamp.FromJournalMicroseconds(Field(root, "__REALTIME_TIMESTAMP"));
            return true;
        }
        catch (JsonException)
        {
            return false; // A line that only looks like JSON is scanned as text.
        }
    }

    private static string? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string DecodeBytes(JsonElement array)
    {
        var bytes = new List<byte>();
        foreach (var b in array.EnumerateArray())
        {
            if (b.ValueKind == JsonValueKind.Number && b.TryGetByte(out var value)) bytes.Add(value);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
