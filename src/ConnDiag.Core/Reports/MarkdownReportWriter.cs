using System.Text;

namespace ConnDiag.Reports;

/// <summary>
/// Writes reports as GitHub-flavoured Markdown for a ticket: the same content as the HTML report (verdict, stages with
/// times, HTTP phases, findings with remedies, certificate chain, DNS answers, Claude configuration), as headings and
/// tables. Every text is escaped (<see cref="Markdown"/>), so a hostile body cannot add links, HTML or table cells.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>The whole document for <paramref name="reports"/>.</summary>
    public static string Render(IReadOnlyList<ReportView> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var md = new StringBuilder(8 * 1024);
        md.Append("# ConnDiag report\n\n");
        foreach (var r in reports) Section(md, r);
        return md.ToString();
    }

    /// <summary>Writes the document to <paramref name="output"/>.</summary>
    public static void Write(IReadOnlyList<ReportView> reports, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Render(reports));
    }

    private static void Section(StringBuilder md, ReportView r)
    {
        md.Append("## ").Append(Markdown.Inline(r.Target)).Append(" — ").Append(Markdown.Inline(ReportText.Verdict(r))).Append("\n\n");
        md.Append("- **Outcome:** ").Append(Markdown.Inline(r.Outcome)).Append('\n');
        md.Append("- **Failed stage:** ").Append(r.FailedStage is { } f ? Markdown.Inline(f) : "none").Append('\n');
        md.Append("- **Target:** ").Append(Markdown.Inline(r.Target)).Append('\n');
        if (r.StartedAt is { } at) md.Append("- **Started:** ").Append(Markdown.Inline(at)).Append('\n');
        md.Append("- **Duration:** ").Append(ReportText.Ms(r.DurationMs)).Append('\n');
        md.Append("- **Report:** ").Append(Markdown.Inline(r.Kind)).Append("\n\n");

        md.Append("### Stages\n\n");
        Table(md, ["Stage", "Layer", "Outcome", "Time", "Summary"], r.Stages.Select(s =>
            new[] { s.Name, s.Layer, s.Outcome, ReportText.Ms(s.DurationMs), s.Summary }));

        if (r.HttpPhases.Count > 0)
        {
            md.Append("### HTTP phases\n\n");
            Table(md, ["Phase", "Time", "Note"], r.HttpPhases.Select(p =>
                new[] { ReportText.PhaseLabel(p), ReportText.Ms(p.Ms), p.Failed ? "failed here" : "" }));
        }

        md.Append("### Findings\n\n");
        if (r.Findings.Count == 0) md.Append("No findings.\n\n");
        else
        {
            Table(md, ["Code", "Severity", "Layer", "Summary"], r.Findings.Select(x => new[] { x.Code, x.Severity, x.Layer, x.Summary }), codeColumn: 0);
            foreach (var x in r.Findings)
            {
                md.Append("#### ").Append(Markdown.Code(x.Code)).Append(" (").Append(Markdown.Inline(x.Severity)).Append(")\n\n");
                md.Append(Markdown.Block(x.Summary)).Append("\n\n");
                if (x.Evidence.Length > 0) md.Append("**Evidence:** ").Append(Markdown.Block(x.Evidence)).Append("\n\n");
                if (x.Remedy.Length > 0) md.Append("**Remedy:** ").Append(Markdown.Block(x.Remedy)).Append("\n\n");
            }
        }

        if (r.Certificates.Count > 0)
        {
            md.Append("### Certificate chain\n\n");
            Table(md, ["#", "Subject", "Issuer", "Not after", "Expires in", "Sent by server"], r.Certificates.Select((c, i) =>
                new[] { i.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Subject, c.Issuer, c.NotAfter, ReportText.Days(c.DaysUntilExpiry), c.SentByServer ? "yes" : "no" }));
        }

        if (r.DnsAnswers.Count > 0)
        {
            md.Append("### DNS answers\n\n");
            Table(md, ["Server", "Question", "Status", "Record", "Type", "TTL", "Data"], r.DnsAnswers.Select(d =>
                new[] { d.Server, d.Question, d.Status, d.Name, d.Type, ReportText.Number(d.TtlSeconds), d.Data }));
        }

        if (r.Claude is { } c)
        {
            md.Append("### Claude Code configuration\n\n");
            md.Append("- **Profile:** ").Append(Markdown.Inline(c.Profile)).Append('\n');
            md.Append("- **Base URL:** ").Append(Markdown.Inline(c.BaseUrl)).Append(" (").Append(Markdown.Inline(c.BaseUrlSource)).Append(")\n\n");
            if (c.Config.Count > 0) Table(md, ["Variable", "Value", "Source"], c.Config.Select(v => new[] { v.Name, v.Value, v.Source }));
            md.Append("### Request ids\n\n");
            if (c.RequestIds.Count == 0) md.Append("No request ids.\n\n");
            else md.AppendJoin("", c.RequestIds.Select(id => $"- {Markdown.Inline(id)}\n")).Append('\n');
            if (c.RateLimits.Count > 0)
            {
                md.Append("### Rate limits\n\n");
                Table(md, ["Kind", "Limit", "Remaining", "Resets at"], c.RateLimits.Select(w =>
                    new[] { w.Kind, ReportText.Number(w.Limit), ReportText.Number(w.Remaining), w.ResetsAt ?? "-" }));
            }
        }
    }

    private static void Table(StringBuilder md, string[] headers, IEnumerable<string[]> rows, int codeColumn = -1)
    {
        md.Append("| ").AppendJoin(" | ", headers).Append(" |\n|").AppendJoin("|", headers.Select(_ => "---")).Append("|\n");
        foreach (var row in rows) md.Append("| ").AppendJoin(" | ", row.Select((cell, i) => i == codeColumn ? Markdown.Code(cell) : Markdown.Cell(cell))).Append(" |\n");
        md.Append('\n');
    }
}
