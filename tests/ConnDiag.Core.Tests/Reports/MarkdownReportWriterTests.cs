using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Reports.Support;
using ConnDiag.Reports;

namespace ConnDiag.Core.Tests.Reports;

/// <summary>The Markdown writer: the same content as headings and tables, and text that cannot break them.</summary>
public sealed partial class MarkdownReportWriterTests(RealReports reports) : IClassFixture<RealReports>
{
    private static string Markdown(params JsonElement[] rs) => ReportDocument.Render(rs, ReportFormat.Markdown);

    /// <summary>Cells of a table row: split on '|' not preceded by a backslash.</summary>
    private static int Cells(string row) => UnescapedPipe().Matches(row).Count - 1;

    [LinuxFact("dnsmasq")]
    public async Task A_real_report_becomes_headings_and_tables()
    {
        var built = await reports.GetAsync();
        var md = Markdown(built.ServerErrorJson, built.RefusedJson);
        var lines = md.Split('\n');

        Assert.Equal("# ConnDiag report", lines[0]);
        var sections = lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sections.Count);
        Assert.EndsWith(" — Fail at http", sections[0]);
        Assert.EndsWith(" — Fail at tcp", sections[1]);
        Assert.Contains("- **Failed stage:** http", lines);
        Assert.Equal(2, lines.Count(l => l == "| Stage | Layer | Outcome | Time | Summary |"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\| http \| Http \| Fail \| \d+\.\d ms \| "));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\| tcp \| Tcp \| Fail \| \d+\.\d ms \| "));
        Assert.Contains("### HTTP phases", lines);
        Assert.Equal(["http dns", "http connect", "http tls", "http ttfb", "http transfer"],
            lines.Where(l => l.StartsWith("| http ", StringComparison.Ordinal) && Cells(l) == 3).Select(l => l.Split('|')[1].Trim()));
        Assert.Contains("#### `HTTP.SERVER_ERROR` (Error)", lines);
        Assert.Contains("#### `TCP.REFUSED` (Error)", lines);
        Assert.Contains(lines, l => l.StartsWith("**Remedy:** ", StringComparison.Ordinal));
        Assert.Contains("### Certificate chain", lines);
        Assert.Contains("### DNS answers", lines);
        // Every table row has as many cells as its header.
        AssertTablesWellFormed(lines);
        // The hostile body is escaped text: no raw tag a renderer would pass through.
        Assert.DoesNotMatch(@"(?<!\\)<(script|img)", md);
        Assert.Contains("\\<img src=\"http://127.0.0.1:9/beacon.png\"\\>", md);
    }

    [Theory]
    [InlineData("SERVICE.EXEC_MISSING", "`SERVICE.EXEC_MISSING`")]
    [InlineData("X`) [click](http://a)", "X\\`) \\[click\\](http://a)")]
    public void Codes_are_code_spans_only_when_they_are_plain_codes(string code, string expected)
    {
        Assert.Equal(expected, ConnDiag.Reports.Markdown.Code(code));
    }

    [Fact]
    public void Pipes_newlines_links_and_html_in_cells_cannot_break_the_table()
    {
        var json = JsonSerializer.SerializeToElement(new JsonObject
        {
            ["target"] = new JsonObject { ["host"] = "h", ["port"] = 1 },
            ["url"] = "https://h:1/",
            ["outcome"] = "Fail",
            ["failedStage"] = "http",
            ["stages"] = new JsonArray(new JsonObject
            {
                ["stage"] = "http", ["layer"] = "Http", ["outcome"] = "Fail", ["durationMs"] = 2.0,
                ["summary"] = "a | b\nc\r\n| x | y |\n[click](https://evil.example/) <b>bold</b> *em* `code` # h & &amp; ~~s~~",
                ["findings"] = new JsonArray(), ["evidence"] = null,
            }),
            ["findings"] = new JsonArray(new JsonObject
            {
                ["code"] = "HTTP.SERVER_ERROR", ["layer"] = "Http", ["severity"] = "Error",
                ["summary"] = "line1\n# heading?\n- list?", ["evidence"] = "e|v", ["remedy"] = "r",
            }),
        });

        var md = Markdown(json);
        var lines = md.Split('\n');

        var row = Assert.Single(lines, l => l.StartsWith("| http | Http | Fail |", StringComparison.Ordinal));
        Assert.Equal(5, Cells(row));
        Assert.Contains("a \\| b<br>c<br>\\| x \\| y \\|<br>\\[click\\](https://evil.example/) \\<b\\>bold\\</b\\> \\*em\\* \\`code\\` # h &amp; &amp;amp; \\~\\~s\\~\\~", row);
        AssertTablesWellFormed(lines);
        // In a paragraph a line that would start a heading or a list is escaped.
        Assert.Contains("\\# heading?  ", md);
        Assert.Contains("\\- list?", md);
        Assert.Contains("| `HTTP.SERVER_ERROR` | Error | Http | line1<br>\\# heading?<br>\\- list? |", lines);
    }

    private static void AssertTablesWellFormed(string[] lines)
    {
        int? width = null;
        foreach (var l in lines)
        {
            if (!l.StartsWith('|'))
            {
                width = null;
                continue;
            }
            width ??= Cells(l);
            Assert.True(Cells(l) == width, $"table row with {Cells(l)} cells under a {width}-column header: {l}");
        }
    }

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();
}
