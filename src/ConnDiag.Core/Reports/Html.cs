using System.Text;

namespace ConnDiag.Reports;

/// <summary>
/// HTML escaping for everything a report shows. Server-provided text (bodies, certificate subjects, header values)
/// is hostile, so every character that can open markup or leave an attribute is written as a reference; control
/// characters other than tab and newline are dropped, since browsers treat some of them as markup boundaries.
/// </summary>
internal static class Html
{
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var sb = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n': sb.Append(c); break;
                case '\r': break;
                case var _ when char.IsControl(c): break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Attribute values are escaped the same way (they are always written in double quotes).</summary>
    public static string Attr(string? value) => Text(value);
}
