using System.Text.Json;
using ConnDiag.Cli.Tests.Endpoint;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Cli.Tests.Unit;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Monitoring.Prometheus;
using ConnDiag.Core.Tests.Services.Support;

namespace ConnDiag.Cli.Tests.Pipelines;

/// <summary>
/// The operations commands composed as the docs show them, each a real process: what `watch` and `unit` write
/// with --json is what `metrics` and `report` read. The pieces were built apart; these hold them together.
/// </summary>
public sealed class OperationsPipelineTests : IClassFixture<EndpointServers>, IDisposable
{
    private readonly EndpointServers _servers;
    private readonly UnitTree _tree = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-ops-pipeline-").FullName;

    public OperationsPipelineTests(EndpointServers servers) => _servers = servers;

    public void Dispose()
    {
        _tree.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static Dictionary<string, string?> NoProxy() =>
        new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY" }
            .SelectMany(n => new[] { n, n.ToLowerInvariant() })
            .ToDictionary(n => n, _ => (string?)null);

    [LinuxFact("promtool")]
    public async Task Watch_ndjson_piped_into_metrics_gives_valid_watch_series_with_the_last_state()
    {
        var url = _servers.Plain.Url("/ok").ToString();
        var watch = await Conndiag.RunAsync(["watch", url, "--count", "3", "--interval", "0.1", "--warn-ms", "60000", "--critical-ms", "60000", "--json"],
            stdin: null, environment: NoProxy());
        Assert.True(watch.ExitCode == 0, watch.ToString());
        Assert.Equal(3, watch.StdoutLines.Count(l => l.StartsWith('{')));

        var metrics = await Conndiag.RunAsync(["metrics"], watch.Stdout);

        Assert.True(metrics.ExitCode == 0, metrics.ToString());
        var samples = Exposition.Check(metrics.Stdout);
        Assert.Equal(1, samples.One("conndiag_watch_state", "target=" + url, "state=Ok").Value);
        Assert.Equal(0, samples.One("conndiag_watch_error_ratio", "target=" + url).Value);
        Assert.Equal(3, samples.One("conndiag_watch_window_probes", "target=" + url).Value);
    }

    [LinuxFact("promtool")]
    public async Task A_unit_report_renders_as_html_and_markdown_and_converts_to_metrics()
    {
        var path = _tree.Write("work/api.service", UnitCommandTests.Sound("/opt/api/bin/missing-server --port 8080"));
        var unit = await Conndiag.RunAsync("unit", "--path", path, "--root", _tree.Root, "--json");
        Assert.True(unit.ExitCode == 1, unit.ToString());
        Assert.Contains("SERVICE.EXEC_MISSING", unit.Stdout);
        var html = Path.Combine(_dir, "unit.html");
        var markdown = Path.Combine(_dir, "unit.md");

        var toHtml = await Conndiag.RunAsync(["report", "-o", html], unit.Stdout);
        var toMarkdown = await Conndiag.RunAsync(["report", "-", "-o", markdown], unit.Stdout);
        var toMetrics = await Conndiag.RunAsync(["metrics"], unit.Stdout);

        Assert.True(toHtml.ExitCode == 0, toHtml.ToString());
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("SERVICE.EXEC_MISSING", page);
        foreach (var stage in JsonDocument.Parse(unit.Stdout).RootElement.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()!))
        {
            Assert.Contains($"data-name=\"{stage}\"", page);
        }
        Assert.True(toMarkdown.ExitCode == 0, toMarkdown.ToString());
        Assert.Contains("SERVICE.EXEC_MISSING", await File.ReadAllTextAsync(markdown));
        Assert.True(toMetrics.ExitCode == 0, toMetrics.ToString());
        var samples = Exposition.Check(toMetrics.Stdout);
        Assert.Contains(samples.Named("conndiag_findings"), s => s.Labels.TryGetValue("code", out var code) && code == "SERVICE.EXEC_MISSING");
        Assert.Contains(samples.Named("conndiag_probe_success"), s => s.Value == 0);
    }
}
