using System.Text;

namespace ConnDiag.Reports;

/// <summary>
/// Escaping for GitHub-flavoured Markdown. Report text is hostile (a server's body, a certificate subject), so every
/// character that could start emphasis, a link, code, HTML or a table cell boundary is backslash-escaped, '&amp;'
/// becomes an entity (so no other entity can be formed), and a line break inside a cell becomes &lt;br&gt; (a raw
/// newline would end the table row).
/// </summary>
internal static class Markdown
{
    private const string Special = "\\`*_[]{}()<>#+-!|~";

    /// <summary>Inline text: one line (newlines become spaces).</summary>
    public static string Inline(string? text) => Escape(text, "<br>", cell: false).Replace("<br>", " ", StringComparison.Ordinal);

    /// <summary>A table cell: '|' escaped and newlines written as &lt;br&gt;.</summary>
    public static string Cell(string? text) => Escape(text, "<br>", cell: true);

    /// <summary>A paragraph that keeps its line breaks (two trailing spaces make a hard break).</summary>
    public static string Block(string? text) => Escape(text, "  \n", cell: false);

    private static string Escape(string? text, string newline, bool cell)
    {
        if (string.IsNullOrEmpty(text)) return cell ? " " : "";
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') continue;
                sb.Append(newline);
            }
            else if (c == '\n') sb.Append(newline);
            else if (c == '&') sb.Append("&amp;");
            else if (Special.Contains(c, StringComparison.Ordinal)) sb.Append('\\').Append(c);
            else if (c == '\t') sb.Append(' ');
            else if (!char.IsControl(c)) sb.Append(c);
        }
        return sb.ToString();
    }
}
