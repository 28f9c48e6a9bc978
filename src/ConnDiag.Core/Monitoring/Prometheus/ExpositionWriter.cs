using System.Globalization;
using System.Text;

namespace ConnDiag.Monitoring.Prometheus;

/// <summary>
/// Writes a <see cref="MetricSet"/> in the Prometheus text exposition format 0.0.4 as node_exporter's textfile
/// collector reads it: one HELP and TYPE line per family followed by all its samples, no timestamps (the
/// collector rejects them), label values escaped, "\n" line ends.
/// </summary>
public static class ExpositionWriter
{
    /// <summary>Longest label value written; longer ones are cut (a target is a URL or a name, never this long in practice).</summary>
    public const int MaxLabelValueLength = 1024;

    public static string Write(MetricSet metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var b = new StringBuilder();
        foreach (var (family, samples) in metrics.Families())
        {
            b.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            b.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type.ToString().ToLowerInvariant()).Append('\n');
            foreach (var (labels, value) in samples)
            {
                b.Append(family.Name);
                if (labels.Pairs.Count > 0)
                {
                    b.Append('{');
                    var first = true;
                    foreach (var (name, v) in labels.Pairs)
                    {
                        if (!first) b.Append(',');
                        first = false;
                        b.Append(name).Append("=\"").Append(EscapeLabelValue(v)).Append('"');
                    }
                    b.Append('}');
                }
                b.Append(' ').Append(FormatValue(value)).Append('\n');
            }
        }
        return b.ToString();
    }

    /// <summary>The shortest text that reads back as the same double (Go's ParseFloat reads it).</summary>
    public static string FormatValue(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Backslash, double quote and line feed escaped as the format defines; other control characters (which the
    /// format has no escape for and which would break a line-based reader) become spaces; cut to
    /// <see cref="MaxLabelValueLength"/> characters; lone surrogates (not UTF-8) become U+FFFD.
    /// </summary>
    public static string EscapeLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxLabelValueLength) value = value[..(MaxLabelValueLength - 1)] + "…";
        var b = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\':
                    b.Append("\\\\");
                    break;
                case '"':
                    b.Append("\\\"");
                    break;
                case '\n':
                    b.Append("\\n");
                    break;
                case var _ when char.IsControl(c):
                    b.Append(' ');
                    break;
                case var _ when char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]):
                    b.Append(c).Append(value[++i]);
                    break;
                case var _ when char.IsSurrogate(c):
                    b.Append('\uFFFD');
                    break;
                default:
                    b.Append(c);
                    break;
            }
        }
        return b.ToString();
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
