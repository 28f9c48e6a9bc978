using System.Text;

namespace ConnDiag.Http.Transport;

/// <summary>Reads the first bytes a peer sent: a TLS record, an HTTP status line, or something else.</summary>
internal static class WireBytes
{
    /// <summary>
    /// A TLS record header: content type change_cipher_spec/alert/handshake/application_data (0x14-0x17) and
    /// major version 3. A server that speaks TLS answers anything with one of these (often an alert, 0x15).
    /// </summary>
    public static bool LooksLikeTls(ReadOnlySpan<byte> first) =>
        first.Length >= 2 && first[0] is >= 0x14 and <= 0x17 && first[1] == 0x03;

    /// <summary>A plain HTTP answer: a status line, or (HTTP/0.9-style servers such as Python's on a bad request) an HTML page.</summary>
    public static bool LooksLikeHttpText(ReadOnlySpan<byte> first)
    {
        var text = Encoding.ASCII.GetString(first).TrimStart();
        return text.StartsWith("HTTP/", StringComparison.Ordinal)
            || text.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    public static string DescribeTls(ReadOnlySpan<byte> first) => first[0] switch
    {
        0x15 => $"a TLS alert record ({Hex(first[..Math.Min(7, first.Length)])})",
        0x16 => $"a TLS handshake record ({Hex(first[..Math.Min(5, first.Length)])})",
        _ => $"a TLS record ({Hex(first[..Math.Min(5, first.Length)])})",
    };

    /// <summary>The bytes as printable text (non-printable ones as \xNN), for evidence.</summary>
    public static string Printable(ReadOnlySpan<byte> bytes, int max = 48)
    {
        var b = new StringBuilder();
        foreach (var c in bytes[..Math.Min(max, bytes.Length)])
        {
            if (c is >= 0x20 and < 0x7f) b.Append((char)c);
            else if (c == '\r') b.Append("\\r");
            else if (c == '\n') b.Append("\\n");
            else b.Append("\\x").Append(c.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return b.ToString();
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant() is var h
        ? string.Join(' ', Enumerable.Range(0, h.Length / 2).Select(i => h.Substring(i * 2, 2)))
        : "";
}
