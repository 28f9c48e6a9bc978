using System.Text;
using System.Text.Json;

namespace ConnDiag.Claude.Router;

/// <summary>Parses router config text (JSON5 as the router accepts it) into a JsonDocument, errors placed in the original text.</summary>
internal static class RouterJson
{
    public static JsonDocument Parse(string text)
    {
        var converted = Json5Text.Convert(text);
        var json = converted.Json;
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            var outOffset = OutputOffset(json, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            var origin = outOffset < converted.Origin.Count ? converted.Origin[outOffset] : text.Length;
            throw RouterSyntaxException.At(text, origin, Reason(ex));
        }
    }

    /// <summary>System.Text.Json reports a 0-based line and a UTF-8 byte offset in it; this finds the character.</summary>
    private static int OutputOffset(string json, long line, long bytesInLine)
    {
        var i = 0;
        for (long l = 0; l < line && i < json.Length; i++)
        {
            if (json[i] == '\n') l++;
        }
        long bytes = 0;
        while (i < json.Length && json[i] != '\n')
        {
            var width = char.IsHighSurrogate(json[i]) && i + 1 < json.Length ? Encoding.UTF8.GetByteCount(json.AsSpan(i, 2)) : Encoding.UTF8.GetByteCount(json.AsSpan(i, 1));
            if (bytes + width > bytesInLine) break;
            bytes += width;
            i += char.IsHighSurrogate(json[i]) ? 2 : 1;
        }
        return i;
    }

    // System.Text.Json's message ends with "LineNumber: n | BytePositionInLine: m." about the converted text,
    // and quotes at most one character: keep the reason, drop the misleading position.
    private static string Reason(JsonException ex)
    {
        var m = ex.Message;
        var cut = new[] { m.IndexOf(" Path:", StringComparison.Ordinal), m.IndexOf(" LineNumber:", StringComparison.Ordinal) }
            .Where(k => k > 0).DefaultIfEmpty(-1).Min();
        var reason = (cut > 0 ? m[..cut] : m).Trim().TrimEnd('.');
        // "'sk-abc...' is an invalid JSON literal": the quoted file text may be a secret someone forgot to quote.
        var quoted = reason.StartsWith('\'') ? reason.IndexOf("' is ", 1, StringComparison.Ordinal) : -1;
        if (quoted > 1) reason = (quoted == 2 ? $"'{reason[1]}'" : "the text here") + reason[(quoted + 1)..];
        return reason.Length == 0 ? "invalid JSON" : reason;
    }
}
