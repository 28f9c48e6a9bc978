namespace ConnDiag.Dns.Configuration;

/// <summary>Line handling shared by the configuration parsers, matching how the C library reads these files.</summary>
internal static class ConfigText
{
    /// <summary>
    /// Lines split at '\n' only, numbered from 1. A '\r' stays in the line: glibc's resolv.conf parser keeps it
    /// too (so a file saved with Windows line endings breaks nameserver lines), and reporting it needs to see it.
    /// </summary>
    public static IEnumerable<(int Number, string Text)> Lines(string text)
    {
        var number = 0;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            yield return (++number, text[start..end]);
            start = end + 1;
        }
    }

    /// <summary>glibc's MATCH: the keyword at the very start of the line, followed by a space or a tab.</summary>
    public static bool StartsWithKeyword(string line, string keyword) =>
        line.Length > keyword.Length
        && line.StartsWith(keyword, StringComparison.Ordinal)
        && line[keyword.Length] is ' ' or '\t';

    /// <summary>The text after the keyword with the spaces and tabs before it skipped.</summary>
    public static string AfterKeyword(string line, string keyword) => line[keyword.Length..].TrimStart(' ', '\t');

    /// <summary>Words separated by runs of spaces and tabs (not other white space, as in glibc's resolv.conf parser).</summary>
    public static string[] Words(string text) => text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Text for messages: control characters shown as escapes so a stray '\r' is visible.</summary>
    public static string Show(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var sb = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>C's atoi: optional sign and leading digits; <paramref name="clean"/> is false when anything else was there.</summary>
    public static int Atoi(string text, out bool clean)
    {
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }
        var digitsStart = i;
        long value = 0;
        while (i < text.Length && text[i] is >= '0' and <= '9')
        {
            // Saturate instead of overflowing: every caller caps the value far below this anyway.
            if (value < int.MaxValue) value = value * 10 + (text[i] - '0');
            i++;
        }
        clean = i > digitsStart && i == text.Length;
        var result = (int)Math.Min(value, int.MaxValue);
        return negative ? -result : result;
    }
}
