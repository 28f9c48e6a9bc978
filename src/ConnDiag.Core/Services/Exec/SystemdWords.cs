using System.Globalization;
using System.Text;

namespace ConnDiag.Services.Exec;

/// <summary>
/// Splits a value into words the way systemd.syntax(7) "Quoting" describes for ExecStart= and Environment=:
/// whitespace separates words, double or single quotes group, and C-style escapes (<c>\n</c>, <c>\t</c>,
/// <c>\\</c>, <c>\"</c>, <c>\s</c> for a space, <c>\xNN</c>, <c>\NNN</c> octal, <c>\uXXXX</c>) are decoded.
/// </summary>
public static class SystemdWords
{
    /// <summary>Most words taken from one value; a command line with more is not one a person wrote.</summary>
    public const int MaxWords = 4096;

    /// <summary>The words, or an error saying what is wrong (unbalanced quote, bad escape).</summary>
    public static bool TrySplit(string text, out List<string> words, out string? error)
    {
        words = [];
        error = null;
        var i = 0;
        while (i < text.Length && words.Count < MaxWords)
        {
            while (i < text.Length && IsSpace(text[i])) i++;
            if (i >= text.Length) break;
            var word = new StringBuilder();
            while (i < text.Length && !IsSpace(text[i]))
            {
                var c = text[i];
                if (c is '"' or '\'')
                {
                    var close = i + 1;
                    while (close < text.Length && text[close] != c)
                    {
                        if (text[close] == '\\') close++;
                        close++;
                    }
                    if (close >= text.Length)
                    {
                        error = $"unbalanced {(c == '"' ? "double" : "single")} quote at column {i + 1}";
                        return false;
                    }
                    if (!TryUnescape(text, i + 1, close, word, out error)) return false;
                    i = close + 1;
                    continue;
                }
                var end = i;
                while (end < text.Length && !IsSpace(text[end]) && text[end] is not ('"' or '\''))
                {
                    if (text[end] == '\\') end++;
                    end++;
                }
                end = Math.Min(end, text.Length);
                if (!TryUnescape(text, i, end, word, out error)) return false;
                i = end;
            }
            words.Add(word.ToString());
        }
        return true;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    private static bool TryUnescape(string text, int start, int end, StringBuilder into, out string? error)
    {
        error = null;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c != '\\')
            {
                into.Append(c);
                continue;
            }
            if (i + 1 >= end)
            {
                error = $"a backslash ends the text at column {i + 1}";
                return false;
            }
            var e = text[++i];
            switch (e)
            {
                case 'a': into.Append('\a'); break;
                case 'b': into.Append('\b'); break;
                case 'f': into.Append('\f'); break;
                case 'n': into.Append('\n'); break;
                case 'r': into.Append('\r'); break;
                case 't': into.Append('\t'); break;
                case 'v': into.Append('\v'); break;
                case 's': into.Append(' '); break;
                case '\\' or '"' or '\'' or ' ' or '$' or ';': into.Append(e); break;
                case 'x' when i + 2 < end && IsHex(text, i + 1, 2):
                    into.Append((char)int.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                case 'u' when i + 4 < end && IsHex(text, i + 1, 4):
                    into.Append((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                case >= '0' and <= '7' when i + 2 < end && text[i + 1] is >= '0' and <= '7' && text[i + 2] is >= '0' and <= '7':
                    into.Append((char)Convert.ToInt32(text.Substring(i, 3), 8));
                    i += 2;
                    break;
                default:
                    error = $"invalid escape sequence '\\{e}' at column {i}";
                    return false;
            }
        }
        return true;
    }

    private static bool IsHex(string text, int start, int count)
    {
        for (var k = start; k < start + count; k++)
        {
            if (!char.IsAsciiHexDigit(text[k])) return false;
        }
        return true;
    }
}
