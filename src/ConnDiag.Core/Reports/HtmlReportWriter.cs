using System.Globalization;
using System.Text;

namespace ConnDiag.Reports;

/// <summary>
/// Writes reports as one self-contained HTML file: inline CSS and SVG, no script, and nothing that loads from
/// anywhere (no fonts, images or links); a Content-Security-Policy of <c>default-src 'none'</c> says so to the browser
/// too, so even text that slipped past the escaping could not run or fetch. One section per report.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        :root { color-scheme: light; }
        body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1b1f24; background: #fff; max-width: 1100px; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 32px 0 8px; padding-top: 12px; border-top: 2px solid #d0d7de; overflow-wrap: anywhere; }
        h3 { font-size: 15px; margin: 20px 0 6px; }
        dl.verdict { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
        dl.verdict dt { font-weight: 600; }
        dl.verdict dd { margin: 0; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; }
        td { overflow-wrap: anywhere; }
        th { background: #f6f8fa; white-space: nowrap; }
        td.outcome, td.layer, td code { white-space: nowrap; }
        td.num { text-align: right; white-space: nowrap; }
        .Pass { color: #1a7f37; } .Warn, .Warning { color: #9a6700; } .Fail, .Error { color: #cf222e; } .Skipped, .Info { color: #57606a; }
        .outcome { font-weight: 700; }
        article.finding { border-left: 4px solid #d0d7de; padding: 4px 10px; margin: 8px 0; }
        article.finding[data-severity="Error"] { border-color: #cf222e; }
        article.finding[data-severity="Warning"] { border-color: #bf8700; }
        article.finding h4 { margin: 0; font-size: 14px; }
        article.finding p { margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
        .evidence { font-family: ui-monospace, monospace; font-size: 12px; background: #f6f8fa; padding: 4px; }
        code { font-family: ui-monospace, monospace; }
        svg.waterfall { display: block; max-width: 100%; height: auto; }
        svg.waterfall text { font: 12px system-ui, sans-serif; fill: #1b1f24; }
        svg.waterfall text.tick { fill: #57606a; font-size: 11px; }
        svg.waterfall line.axis { stroke: #8c959f; stroke-width: 1; }
        rect.bar.stage { fill: #8c959f; } rect.bar.stage.Pass { fill: #2da44e; } rect.bar.stage.Warn { fill: #d4a72c; }
        rect.bar.stage.Fail { fill: #cf222e; } rect.bar.stage.Skipped { fill: #d0d7de; }
        rect.bar.phase { fill: #0969da; } rect.bar.phase.dns { fill: #54aeff; } rect.bar.phase.connect { fill: #218bff; }
        rect.bar.phase.proxy { fill: #8250df; } rect.bar.phase.tls { fill: #0550ae; } rect.bar.phase.ttfb { fill: #bf3989; }
        rect.bar.phase.transfer { fill: #1a7f37; } rect.bar.phase.failed { fill: #cf222e; }
        .none { color: #57606a; font-style: italic; }
        """;

    /// <summary>The whole document for <paramref name="reports"/>.</summary>
    public static string Render(IReadOnlyList<ReportView> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        html.Append("<meta name=\"referrer\" content=\"no-referrer\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(Html.Text(Title(reports))).Append("</title>\n");
        html.Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<h1>ConnDiag report</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"count\">{reports.Count} report{(reports.Count == 1 ? "" : "s")}: ")
            .Append(Html.Text(string.Join("; ", reports.Select(r => $"{r.Target} {ReportText.Verdict(r)}"))))
            .Append("</p>\n");
        for (var i = 0; i < reports.Count; i++) Section(html, reports[i], i + 1);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the document to <paramref name="output"/>.</summary>
    public static void Write(IReadOnlyList<ReportView> reports, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(reports));
    }

    private static string Title(IReadOnlyList<ReportView> reports) =>
        reports.Count == 1 ? $"ConnDiag: {reports[0].Target} {ReportText.Verdict(reports[0])}" : $"ConnDiag: {reports.Count} reports";

    private static void Section(StringBuilder html, ReportView r, int n)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"report\" id=\"report-{n}\" data-outcome=\"{Html.Attr(r.Outcome)}\">\n");
        html.Append("<h2>").Append(Html.Text(r.Target)).Append(" — <span class=\"outcome ").Append(Html.Attr(r.Outcome)).Append("\">")
            .Append(Html.Text(ReportText.Verdict(r))).Append("</span></h2>\n");
        html.Append("<dl class=\"verdict\">\n");
        Term(html, "Outcome", $"<span class=\"outcome {Html.Attr(r.Outcome)}\">{Html.Text(r.Outcome)}</span>");
        Term(html, "Failed stage", r.FailedStage is { } failed ? $"<code>{Html.Text(failed)}</code>" : "none");
        Term(html, "Target", Html.Text(r.Target));
        if (r.StartedAt is { } at) Term(html, "Started", Html.Text(at));
        Term(html, "Duration", Html.Text(ReportText.Ms(r.DurationMs)));
        Term(html, "Report", Html.Text(r.Kind));
        html.Append("</dl>\n");

        html.Append("<h3>Timing</h3>\n");
        HtmlWaterfall.Write(html, r);

        html.Append("<h3>Stages</h3>\n");
        Table(html, "stages", ["Stage", "Layer", "Outcome", "Time", "Summary"], r.Stages.Select(s => (
            $" data-stage=\"{Html.Attr(s.Name)}\"",
            new Cell[] { new(s.Name, Code: true), new(s.Layer, "layer"), new(s.Outcome, "outcome " + Html.Attr(s.Outcome)), new(ReportText.Ms(s.DurationMs), "num"), new(s.Summary) })));

        html.Append("<h3>Findings</h3>\n");
        if (r.Findings.Count == 0) html.Append("<p class=\"none\">No findings.</p>\n");
        foreach (var f in r.Findings)
        {
            html.Append("<article class=\"finding\" data-code=\"").Append(Html.Attr(f.Code)).Append("\" data-severity=\"").Append(Html.Attr(f.Severity)).Append("\">\n");
            html.Append("<h4><code class=\"code\">").Append(Html.Text(f.Code)).Append("</code> <span class=\"").Append(Html.Attr(f.Severity)).Append("\">")
                .Append(Html.Text(f.Severity)).Append("</span> · ").Append(Html.Text(f.Layer)).Append("</h4>\n");
            html.Append("<p class=\"summary\">").Append(Html.Text(f.Summary)).Append("</p>\n");
            if (f.Evidence.Length > 0) html.Append("<p class=\"evidence\">").Append(Html.Text(f.Evidence)).Append("</p>\n");
            if (f.Remedy.Length > 0) html.Append("<p class=\"remedy\"><strong>Remedy:</strong> ").Append(Html.Text(f.Remedy)).Append("</p>\n");
            html.Append("</article>\n");
        }

        if (r.Certificates.Count > 0)
        {
            html.Append("<h3>Certificate chain</h3>\n");
            Table(html, "chain", ["#", "Subject", "Issuer", "Not after", "Expires in", "Sent by server"], r.Certificates.Select((c, i) => (
                " class=\"certificate\"",
                new Cell[] { new(i.ToString(CultureInfo.InvariantCulture), "num"), new(c.Subject), new(c.Issuer), new(c.NotAfter), new(ReportText.Days(c.DaysUntilExpiry), "num"), new(c.SentByServer ? "yes" : "no") })));
        }

        if (r.DnsAnswers.Count > 0)
        {
            html.Append("<h3>DNS answers</h3>\n");
            Table(html, "dns", ["Server", "Question", "Status", "Record", "Type", "TTL", "Data"], r.DnsAnswers.Select(d => (
                " class=\"dns-answer\"",
                new Cell[] { new(d.Server), new(d.Question), new(d.Status), new(d.Name), new(d.Type), new(ReportText.Number(d.TtlSeconds), "num"), new(d.Data) })));
        }

        if (r.Claude is { } claude) Claude(html, claude);
        html.Append("</section>\n");
    }

    private static void Claude(StringBuilder html, ClaudeView c)
    {
        html.Append("<h3>Claude Code configuration</h3>\n<dl class=\"verdict\">\n");
        Term(html, "Profile", Html.Text(c.Profile));
        Term(html, "Base URL", $"{Html.Text(c.BaseUrl)} ({Html.Text(c.BaseUrlSource)})");
        html.Append("</dl>\n");
        if (c.Config.Count > 0)
        {
            Table(html, "config", ["Variable", "Value", "Source"], c.Config.Select(v => ("", new Cell[] { new(v.Name, Code: true), new(v.Value, Code: true), new(v.Source) })));
        }
        html.Append("<h3>Request ids</h3>\n");
        if (c.RequestIds.Count == 0) html.Append("<p class=\"none\">No request ids.</p>\n");
        else html.Append("<ul class=\"request-ids\">\n").AppendJoin("", c.RequestIds.Select(id => $"<li><code>{Html.Text(id)}</code></li>\n")).Append("</ul>\n");
        if (c.RateLimits.Count > 0)
        {
            html.Append("<h3>Rate limits</h3>\n");
            Table(html, "rate-limits", ["Kind", "Limit", "Remaining", "Resets at"], c.RateLimits.Select(w => ("", new Cell[]
            {
                new(w.Kind), new(ReportText.Number(w.Limit), "num"), new(ReportText.Number(w.Remaining), "num"), new(w.ResetsAt ?? "-"),
            })));
        }
    }

    /// <summary>One table cell: its text (escaped here), a class attribute already safe to write, and whether it is code.</summary>
    private readonly record struct Cell(string? Text, string? Class = null, bool Code = false);

    /// <summary>A table with a header row; each row has its attributes (already escaped, with a leading space) and its cells.</summary>
    private static void Table(StringBuilder html, string cssClass, string[] headers, IEnumerable<(string Attributes, Cell[] Cells)> rows)
    {
        html.Append("<table class=\"").Append(cssClass).Append("\">\n<tr>").AppendJoin("", headers.Select(h => $"<th>{h}</th>")).Append("</tr>\n");
        foreach (var (attributes, cells) in rows)
        {
            html.Append("<tr").Append(attributes).Append('>');
            foreach (var c in cells)
            {
                html.Append(c.Class is null ? "<td>" : $"<td class=\"{c.Class}\">").Append(c.Code ? "<code>" : "").Append(Html.Text(c.Text))
                    .Append(c.Code ? "</code>" : "").Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Term(StringBuilder html, string term, string definitionHtml) =>
        html.Append("<dt>").Append(term).Append("</dt><dd>").Append(definitionHtml).Append("</dd>\n");
}
