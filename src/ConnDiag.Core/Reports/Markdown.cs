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
    /// <summary>Characters that start markup anywhere in a line (links, emphasis, code, HTML, cells, strikethrough).</summary>
    private const string Special = "\\`*_[]<>|~";

    /// <summary>Characters that start markup only at the start of a line (headings, lists, setext underlines).</summary>
    private const string LineStart = "#-+=";

    /// <summary>Inline text: one line (newlines become spaces).</summary>
    public static string Inline(string? text) => Escape(text, " ", cell: false);

    /// <summary>A table cell: '|' escaped and newlines written as &lt;br&gt;.</summary>
    public static string Cell(string? text) => Escape(text, "<br>", cell: true);

    /// <summary>
    /// A finding code as a code span (<c>`SERVICE.EXEC_MISSING`</c>): it reads as a code and stays greppable in the raw
    /// text, where escaping would turn it into <c>SERVICE.EXEC\_MISSING</c>. Anything but a plain code is escaped instead.
    /// </summary>
    public static string Code(string? text) =>
        !string.IsNullOrEmpty(text) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') ? $"`{text}`" : Inline(text);

    /// <summary>A paragraph that keeps its line breaks (two trailing spaces make a hard break).</summary>
    public static string Block(string? text) => Escape(text, "  \n", cell: false);

    private static string Escape(string? text, string newline, bool cell)
    {
        if (string.IsNullOrEmpty(text)) return cell ? " " : "";
        var sb = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var atStart = lineStart;
            lineStart = c is '\n' or '\r';
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') continue;
                sb.Append(newline);
            }
            else if (c == '\n') sb.Append(newline);
            else if (c == '&') sb.Append("&amp;");
            else if (Special.Contains(c, StringComparison.Ordinal) || (atStart && LineStart.Contains(c, StringComparison.Ordinal))) sb.Append('\\').Append(c);
            else if (c == '\t') sb.Append(' ');
            else if (!char.IsControl(c)) sb.Append(c);
        }
        return sb.ToString();
    }
}
