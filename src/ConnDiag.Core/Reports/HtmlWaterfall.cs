using System.Globalization;
using System.Text;

namespace ConnDiag.Reports;

/// <summary>
/// The timing waterfall as inline SVG: one bar per stage, laid end to end as the stages ran, then one bar per HTTP
/// phase inside the http stage's span. Each bar has <c>data-bar</c> (<c>stage</c> or <c>phase</c>), <c>data-name</c>
/// and <c>data-ms</c>, and a &lt;title&gt; tooltip with the time, so a reader hovers for the number and a test counts bars.
/// </summary>
internal static class HtmlWaterfall
{
    private const int LabelWidth = 150;
    private const int BarArea = 690;
    private const int RowHeight = 22;
    private const int BarHeight = 14;
    private const int AxisHeight = 22;

    /// <summary>Zero-length phases (a pinned address has dnsMs 0) still get a sliver, so every bar can be seen and hovered.</summary>
    private const double MinBarWidth = 2;

    public static void Write(StringBuilder html, ReportView r)
    {
        var starts = new List<double>();
        var t = 0.0;
        foreach (var s in r.Stages)
        {
            starts.Add(t);
            t += Math.Max(0, s.DurationMs);
        }
        var httpIndex = r.Stages.ToList().FindIndex(s => s.Name == "http");
        var httpStart = httpIndex >= 0 ? starts[httpIndex] : 0;
        var phaseEnd = httpStart + r.HttpPhases.Sum(p => Math.Max(0, p.Ms));
        var total = Math.Max(Math.Max(t, phaseEnd), r.DurationMs ?? 0);
        var scale = total > 0 ? (BarArea - MinBarWidth) / total : 0;
        var rows = r.Stages.Count + r.HttpPhases.Count;
        var height = rows * RowHeight + AxisHeight;
        var width = LabelWidth + BarArea + 10;

        html.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"waterfall\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Time per stage and HTTP phase\">\n");
        var y = 0;
        for (var i = 0; i < r.Stages.Count; i++, y += RowHeight)
        {
            var s = r.Stages[i];
            Row(html, y, s.Name, "stage", $"stage {Html.Attr(s.Outcome)}", s.Name, starts[i], s.DurationMs, scale,
                $"{s.Name}: {ReportText.Ms(s.DurationMs)} ({s.Outcome})", null);
        }
        var offset = httpStart;
        foreach (var p in r.HttpPhases)
        {
            Row(html, y, ReportText.PhaseLabel(p), "phase", $"phase {p.Phase}{(p.Failed ? " failed" : "")}", p.Phase, offset, p.Ms, scale,
                $"{ReportText.PhaseLabel(p)}: {ReportText.Ms(p.Ms)}{(p.Failed ? " (failed here)" : "")}", p.Exchange);
            offset += Math.Max(0, p.Ms);
            y += RowHeight;
        }
        // The axis: where 0 and the whole diagnosis fall.
        var axisY = y + 4;
        html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{LabelWidth}\" y1=\"{axisY}\" x2=\"{LabelWidth + BarArea}\" y2=\"{axisY}\"/>\n");
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{LabelWidth}\" y=\"{axisY + 14}\">0 ms</text>\n");
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"tick end\" x=\"{LabelWidth + BarArea}\" y=\"{axisY + 14}\" text-anchor=\"end\">{Html.Text(ReportText.Ms(total))}</text>\n");
        html.Append("</svg>\n");
    }

    private static void Row(StringBuilder html, int y, string label, string kind, string cssClass, string name, double start, double ms,
        double scale, string tooltip, int? exchange)
    {
        var x = LabelWidth + start * scale;
        var w = Math.Max(MinBarWidth, Math.Max(0, ms) * scale);
        html.Append(CultureInfo.InvariantCulture, $"<text class=\"label {kind}\" x=\"{(kind == "phase" ? 16 : 4)}\" y=\"{y + 15}\">{Html.Text(label)}</text>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"bar {cssClass}\" data-bar=\"{kind}\" data-name=\"{Html.Attr(name)}\" data-ms=\"{ms.ToString("0.###", CultureInfo.InvariantCulture)}\"");
        if (exchange is { } n) html.Append(CultureInfo.InvariantCulture, $" data-exchange=\"{n}\"");
        html.Append(CultureInfo.InvariantCulture, $" x=\"{F(x)}\" y=\"{y + (RowHeight - BarHeight) / 2}\" width=\"{F(w)}\" height=\"{BarHeight}\" rx=\"2\">");
        html.Append("<title>").Append(Html.Text(tooltip)).Append("</title></rect>\n");
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
