using System.Text;
using ConnDiag.Secrets;

namespace ConnDiag.Http.Transport;

/// <summary>Turns the first body bytes into a masked text preview when the body is text, and decodes bodies for matching.</summary>
internal static class BodyPreview
{
    public static string? Create(byte[] bytes, string? contentType, string? charset, SecretMasker masker)
    {
        if (bytes.Length == 0 || !IsTextual(bytes, contentType)) return null;
        return masker.MaskText(Decode(bytes, charset));
    }

    public static string Decode(byte[] bytes, string? charset)
    {
        var encoding = charset?.Trim('"', ' ').ToUpperInvariant() switch
        {
            "ISO-8859-1" or "LATIN1" => Encoding.Latin1,
            "US-ASCII" or "ASCII" => Encoding.ASCII,
            _ => Encoding.UTF8,
        };
        return encoding.GetString(bytes);
    }

    private static bool IsTextual(byte[] bytes, string? contentType)
    {
        if (contentType is { Length: > 0 } type)
        {
            type = type.ToLowerInvariant();
            return type.StartsWith("text/", StringComparison.Ordinal)
                || type.EndsWith("json", StringComparison.Ordinal) || type.EndsWith("+json", StringComparison.Ordinal)
                || type.EndsWith("xml", StringComparison.Ordinal)
                || type.Contains("javascript", StringComparison.Ordinal)
                || type == "application/x-www-form-urlencoded"
                || type == "text/event-stream";
        }
        // No type: text when it has no control characters besides whitespace (a cut multi-byte character at the
        // end of the preview is fine).
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n') return false;
        }
        return true;
    }
}
