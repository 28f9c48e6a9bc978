using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Reports.Support;
using ConnDiag.Reports;
using ConnDiag.Serialization;

namespace ConnDiag.Core.Tests.Reports;

/// <summary>
/// The HTML report driven by playwright-core in Debian's chromium: no request, no script error, no loading element,
/// and every bar laid out with a positive size, wider for longer stages, its tooltip giving the milliseconds.
/// </summary>
public sealed class PlaywrightReportTests(RealReports reports) : IClassFixture<RealReports>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-report-pw-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [LinuxFact("dnsmasq", "chromium", "node", "npm")]
    public async Task Every_bar_is_laid_out_in_proportion_and_the_page_asks_for_nothing()
    {
        var built = await reports.GetAsync();
        var html = Path.Combine(_dir, "report.html");
        var shot = Path.Combine(_dir, "report.png");
        File.WriteAllText(html, ReportDocument.Render([built.PassingJson, built.ServerErrorJson, built.RefusedJson], ReportFormat.Html));

        var page = PlaywrightRender.Render(html, shot, 1000, 1400);

        Assert.Empty(page.Requests);
        Assert.Empty(page.ConsoleErrors);
        Assert.Equal(0, page.Scripts);
        Assert.StartsWith("ConnDiag: 3 reports", page.Title);
        Assert.Equal(3, page.Headings.Count(h => h.Contains(" — ", StringComparison.Ordinal)));
        var stageBars = page.Bars.Where(b => b.Bar == "stage").ToList();
        Assert.Equal(built.Passing.Stages.Count + built.ServerError.Stages.Count + built.Refused.Stages.Count, stageBars.Count);
        Assert.Equal(10, page.Bars.Count(b => b.Bar == "phase"));
        Assert.All(page.Bars, b =>
        {
            Assert.True(b.Width > 0 && b.Height > 0, $"{b.Bar} {b.Name}: rendered {b.Width}x{b.Height}");
            Assert.Matches($"^(http (#\\d+ )?)?{b.Name}: \\d+\\.\\d ms", b.Tooltip ?? "");
        });
        // Within one report a longer stage draws a longer bar (the scale is one per report).
        // Real stage times: on a quiet machine dns and tcp take well under 1 ms, so only two stages are sure to be
        // long enough to compare (tls and http, seen as 5.6 and 9.0 ms in a clean CI run).
        var passing = stageBars.Take(built.Passing.Stages.Count).Where(b => b.Ms > 0).OrderBy(b => b.Ms).ToList();
        Assert.True(passing.Count >= 2, string.Join(", ", passing.Select(b => $"{b.Name}={b.Ms}")));
        for (var i = 1; i < passing.Count; i++) Assert.True(passing[i].Width >= passing[i - 1].Width, $"{passing[i].Name} ({passing[i].Ms} ms) is drawn narrower than {passing[i - 1].Name} ({passing[i - 1].Ms} ms)");
        var png = PngImage.Decode(File.ReadAllBytes(shot));
        Assert.Equal((1000, 1400), (png.Width, png.Height));
        Assert.True(png.CountNonWhite() > 20_000, "the screenshot looks blank");
    }

    [LinuxFact("chromium", "node", "npm")]
    public void The_request_check_sees_a_page_that_does_load_something()
    {
        // The control for the empty Requests above, and for the script count: a page that fetches and runs is caught.
        var html = Path.Combine(_dir, "control.html");
        File.WriteAllText(html, "<!DOCTYPE html><p>control</p><img src=\"http://127.0.0.1:9/x.png\"><script>document.title='ran'</script>");

        var page = PlaywrightRender.Render(html, Path.Combine(_dir, "control.png"), 400, 300);

        Assert.Contains("http://127.0.0.1:9/x.png", page.Requests);
        Assert.Equal(2, page.Scripts);
        Assert.Equal("ran", page.Title);
    }
}
