using System.Text.RegularExpressions;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Reports.Support;
using ConnDiag.Model;
using ConnDiag.Reports;

namespace ConnDiag.Core.Tests.Reports;

/// <summary>
/// The HTML report as a person sees it: reports made by the real diagnoser against loopback servers, written by the
/// engine, opened in headless Chromium. The DOM Chromium built is checked (stages, findings, one waterfall bar per
/// stage and per HTTP phase, hostile text still text), a screenshot is decoded and looked at, and Chromium's NetLog
/// shows the page asked the network for nothing.
/// </summary>
public sealed partial class HtmlReportBrowserTests(RealReports reports) : IClassFixture<RealReports>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-report-html-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteHtml(string name, params DiagnosticReport[] rs)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, ReportDocument.Render(rs.Select(r => ConnDiag.Serialization.ConnDiagJson.ToElement(r)), ReportFormat.Html));
        return path;
    }

    private static int Count(string dom, string pattern) => Regex.Matches(dom, pattern).Count;

    [LinuxFact("dnsmasq", "chromium")]
    public async Task A_passing_https_report_renders_every_stage_and_one_bar_per_stage_and_http_phase()
    {
        var r = (await reports.GetAsync()).Passing;
        Assert.Equal(["config", "dns", "tcp", "proxy", "tls", "http"], r.Stages.Select(s => s.Stage));
        Assert.Equal(Outcome.Pass, r.StageNamed("http")!.Outcome);
        var html = WriteHtml("passing.html", r);

        var (dom, network) = HeadlessChromium.DumpDom(html);

        Assert.Equal(6, Count(dom, "<rect [^>]*data-bar=\"stage\""));
        foreach (var s in r.Stages) Assert.Matches($"<rect [^>]*data-bar=\"stage\" data-name=\"{s.Stage}\"", dom);
        // One exchange (no redirect): dns, connect, tls, ttfb, transfer; no proxy phase without a tunnel.
        var phases = PhaseBar().Matches(dom).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["dns", "connect", "tls", "ttfb", "transfer"], phases);
        Assert.Equal(6, Count(dom, "<tr data-stage=\""));
        foreach (var stage in r.Stages) Assert.Contains($"<code>{stage.Stage}</code>", dom);
        Assert.Contains("No findings.", dom);
        // The chain and the DNS answer the diagnoser saw, as text.
        Assert.Contains("<h3>Certificate chain</h3>", dom);
        Assert.Equal(2, Count(dom, "<tr class=\"certificate\">"));
        Assert.Contains("ConnDiag Report Test Root", dom);
        Assert.Matches("<tr class=\"dns-answer\"><td>[^<]*</td><td>app\\.report\\.test\\.</td><td>NOERROR</td><td>app\\.report\\.test\\.</td><td>A</td><td class=\"num\">\\d+</td><td>127\\.0\\.0\\.1</td></tr>", dom);
        // The hostile CN is text in a table cell: no element made of it, and the title untouched.
        Assert.Contains("&lt;script&gt;document.title='pwned-cn'&lt;/script&gt;", dom);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pwned", Regex.Match(dom, "<title>[^<]*</title>").Value);
        Assert.Empty(network.PageRequests);
    }

    [LinuxFact("dnsmasq", "chromium")]
    public async Task A_failed_report_shows_its_findings_and_a_hostile_body_stays_text_and_loads_nothing()
    {
        var r = (await reports.GetAsync()).ServerError;
        Assert.Equal("http", r.FailedStage);
        var html = WriteHtml("server-error.html", r);

        var (dom, network) = HeadlessChromium.DumpDom(html);

        Assert.Contains("<article class=\"finding\" data-code=\"HTTP.SERVER_ERROR\" data-severity=\"Error\">", dom);
        foreach (var f in r.Findings) Assert.Contains($"<code class=\"code\">{f.Code}</code>", dom);
        Assert.Contains("Remedy:", dom);
        Assert.Matches("<dt>Failed stage</dt><dd><code>http</code></dd>", dom);
        Assert.Equal(r.Stages.Count, Count(dom, "<rect [^>]*data-bar=\"stage\""));
        Assert.Equal(5, Count(dom, "<rect [^>]*data-bar=\"phase\""));
        // The body is in the evidence as text; neither its script nor its image became an element.
        Assert.Contains("&lt;img src=\"http://127.0.0.1:9/beacon.png\"&gt;", dom);
        Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(network.PageRequests);
    }

    [LinuxFact("dnsmasq", "chromium")]
    public async Task Several_reports_render_as_one_document_with_a_section_each()
    {
        var built = await reports.GetAsync();
        var html = WriteHtml("three.html", built.Passing, built.ServerError, built.Refused);

        var (dom, _) = HeadlessChromium.DumpDom(html);

        Assert.Equal(3, Count(dom, "<section class=\"report\""));
        Assert.Equal(["Pass", "Fail", "Fail"], Regex.Matches(dom, "<section class=\"report\" id=\"report-\\d\" data-outcome=\"(\\w+)\"").Select(m => m.Groups[1].Value));
        var stageBars = built.Passing.Stages.Count + built.ServerError.Stages.Count + built.Refused.Stages.Count;
        Assert.Equal(stageBars, Count(dom, "<rect [^>]*data-bar=\"stage\""));
        // The refused report never reached HTTP: its section has no phase bars, the other two have five each.
        Assert.Equal(10, Count(dom, "<rect [^>]*data-bar=\"phase\""));
        Assert.Contains("data-code=\"TCP.REFUSED\"", dom);
        Assert.Contains("<dt>Failed stage</dt><dd><code>tcp</code></dd>", dom);
    }

    [LinuxFact("dnsmasq", "chromium")]
    public async Task The_screenshot_is_a_picture_of_the_report_with_the_waterfall_painted()
    {
        var built = await reports.GetAsync();
        var html = WriteHtml("shot.html", built.Refused, built.Passing);

        var bytes = HeadlessChromium.Screenshot(html, 1000, 2400);
        // Kept for a person to look at when the test fails (or when CONNDIAG_KEEP_SCREENSHOT names a path).
        if (System.Environment.GetEnvironmentVariable("CONNDIAG_KEEP_SCREENSHOT") is { Length: > 0 } keep) File.WriteAllBytes(keep, bytes);
        var png = PngImage.Decode(bytes);

        Assert.Equal((1000, 2400), (png.Width, png.Height));
        var ink = png.CountNonWhite();
        Assert.True(ink > 20_000, $"only {ink} non-white pixels: the page looks blank");
        Assert.True(ink < 1000 * 2400 / 2, $"{ink} non-white pixels: the page looks like it failed to render (mostly dark)");
        // Stage bars in the outcome colours (Pass green #2da44e, Fail red #cf222e) and the HTTP connect phase (#218bff) were painted.
        Assert.True(png.Count((0x2d, 0xa4, 0x4e)) > 500, "no green Pass bars in the screenshot");
        Assert.True(png.Count((0xcf, 0x22, 0x2e)) > 500, "no red Fail bar in the screenshot");
        Assert.True(png.Count((0x21, 0x8b, 0xff)) > 20, "no connect-phase bar in the screenshot");
    }

    [LinuxFact("chromium")]
    public void The_network_check_sees_a_page_that_does_load_something()
    {
        // The control for the empty PageRequests above: the same NetLog reading catches a page that fetches.
        var path = Path.Combine(_dir, "control.html");
        File.WriteAllText(path, "<!DOCTYPE html><p>control</p><img src=\"http://127.0.0.1:9/x.png\">");

        var (_, network) = HeadlessChromium.DumpDom(path);

        Assert.Contains("http://127.0.0.1:9/x.png", network.PageRequests);
    }

    [GeneratedRegex("<rect [^>]*data-bar=\"phase\" data-name=\"(\\w+)\"")]
    private static partial Regex PhaseBar();
}
