using System.Text.Json;
using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Core.Tests.Reports.Support;

/// <summary>One waterfall bar as Chromium laid it out.</summary>
internal sealed record RenderedBar(string Bar, string Name, double Ms, double Width, double Height, double X, string? Tooltip);

/// <summary>What tools/render/render.mjs saw: the page's requests, script errors, bars, headings, title, and loading elements.</summary>
internal sealed record RenderedPage(
    IReadOnlyList<string> Requests, IReadOnlyList<string> ConsoleErrors, IReadOnlyList<RenderedBar> Bars,
    IReadOnlyList<string> Headings, string Title, int Scripts);

/// <summary>
/// Renders a file with playwright-core driving Debian's chromium (tools/render: installs the pinned package on first
/// use, no browser download). As root, in a network namespace of its own, like <see cref="HeadlessChromium"/>: the
/// page's requests are recorded by the browser, and none of them could leave.
/// </summary>
internal static class PlaywrightRender
{
    public static string Script
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConnDiag.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("no ConnDiag.sln above the tests"), "tools", "render", "run.sh");
        }
    }

    // npm must reach its registry once, so the install runs here, outside the namespace the page is rendered in.
    private static readonly Lazy<ProcessResult> Installed = new(() => ProcessRunner.Run("bash", [Script, "--install"], timeout: TimeSpan.FromSeconds(300)));

    public static RenderedPage Render(string htmlPath, string screenshotPath, int width, int height)
    {
        _ = Installed.Value;
        string[] args = [Script, htmlPath, screenshotPath, width.ToString(System.Globalization.CultureInfo.InvariantCulture), height.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var limit = TimeSpan.FromSeconds(180);
        var result = TestEnvironment.IsRoot && TestEnvironment.HasCommand("unshare")
            ? ProcessRunner.Run("unshare", ["--net", "--", "bash", .. args], timeout: limit)
            : ProcessRunner.Run("bash", args, timeout: limit);
        var line = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
            ?? throw new InvalidOperationException($"render.mjs printed nothing; stderr: {result.StdErr}");
        return JsonSerializer.Deserialize<RenderedPage>(line, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("render.mjs printed null");
    }
}
