using System.Net;
using ConnDiag.Claude.Profile;
using ConnDiag.Claude.Status;
using ConnDiag.Core.Tests.Claude.Status.Support;
using ConnDiag.Core.Tests.Claude.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Claude;

/// <summary>
/// The status-page stage of Test-ClaudeConnection against the loopback fake API and the loopback Statuspage
/// fixture. Every run here either pins the page to the fixture or proves the stage reads nothing: no public
/// status page is contacted.
/// </summary>
public sealed class ClaudeStatusPageStageTests : IAsyncLifetime
{
    private const string Key = "sk-ant-api03-statuspage0123456789abcdef0123456789Qq77";
    private readonly ClaudeCertificates _certs = new();
    private readonly ClaudeHome _home = new();
    private FakeAnthropicServer _server = null!;
    private StatuspageFixture _pages = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeAnthropicServer.StartAsync(_certs.Leaf);
        _server.ApiKey = Key;
        _pages = await StatuspageFixture.StartAsync();
        _home.Environment["NODE_EXTRA_CA_CERTS"] = _certs.RootPemPath;
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _pages.DisposeAsync();
        _certs.Dispose();
        _home.Dispose();
    }

    private ClaudeConnectionOptions Options(bool pinDefault = false) => new()
    {
        Sources = _home.Sources,
        BaseUrl = pinDefault ? null : _server.BaseUrl,
        Diagnosis = EndpointDiagnosisOptions.Default with
        {
            Timeout = TimeSpan.FromSeconds(5),
            Http = HttpProbeOptions.Default with { WarnMs = 60_000, CriticalMs = 120_000 },
            ConnectTo = pinDefault ? new IPEndPoint(IPAddress.Loopback, _server.Port) : null,
        },
    };

    private static string Describe(DiagnosticReport r) => string.Join("\n", r.Stages.Select(s => $"{s.Stage} {s.Outcome}: {s.Summary}"));

    [Fact]
    public async Task By_default_a_loopback_base_url_skips_the_status_page_without_any_request()
    {
        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        var stage = r.Stages[^1];
        Assert.Equal(StatusPageStage.StageName, stage.Stage);
        Assert.Equal(Outcome.Skipped, stage.Outcome);
        Assert.Contains("on this machine", stage.Summary);
        // The stage records the page only after reading it: null proves nothing was requested.
        Assert.Null(r.StatusPage);
        Assert.Null(stage.Evidence);
        Assert.Empty(_pages.RequestedPaths);
        Assert.True(r.Outcome == Outcome.Pass, Describe(r));
    }

    [Fact]
    public async Task Anthropics_host_pinned_to_loopback_is_skipped_too()
    {
        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true));

        var stage = r.StageNamed(StatusPageStage.StageName)!;
        Assert.Equal(Outcome.Skipped, stage.Outcome);
        Assert.Contains("pinned to 127.0.0.1", stage.Summary);
        Assert.Null(r.StatusPage);
    }

    [Fact]
    public async Task An_operational_page_passes_and_is_kept_in_the_report()
    {
        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options() with { StatusPageUrl = _pages.Page(StatuspageFixture.Operational) });

        var stage = r.StageNamed(StatusPageStage.StageName)!;
        Assert.True(stage.Outcome == Outcome.Pass, Describe(r));
        Assert.Contains("All Systems Operational", stage.Summary);
        Assert.Equal(StatusIndicator.None, r.StatusPage!.Indicator);
        Assert.Same(r.StatusPage, stage.Evidence);
        Assert.Equal(["/operational/api/v2/summary.json"], _pages.RequestedPaths);
        Assert.Equal(Outcome.Pass, r.Outcome);
    }

    [Fact]
    public async Task A_degraded_page_warns_and_names_the_components()
    {
        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options() with { StatusPageUrl = _pages.Page(StatuspageFixture.Degraded) });

        var stage = r.StageNamed(StatusPageStage.StageName)!;
        Assert.Equal(Outcome.Warn, stage.Outcome);
        Assert.Contains("not operational: Claude API (api.anthropic.com)", stage.Summary);
        Assert.Equal(FindingCodes.ApiStatusDegraded, Assert.Single(stage.Findings).Code);
        Assert.Equal(Outcome.Warn, r.Outcome);
    }

    [Fact]
    public async Task A_major_outage_warns_and_never_fails_the_run()
    {
        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options() with { StatusPageUrl = _pages.Page(StatuspageFixture.Outage) });

        var stage = r.StageNamed(StatusPageStage.StageName)!;
        Assert.Equal(Outcome.Warn, stage.Outcome);
        var finding = Assert.Single(stage.Findings);
        Assert.Equal(FindingCodes.ApiStatusOutage, finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(StatusIndicator.Major, r.StatusPage!.Indicator);
        Assert.NotEqual(Outcome.Fail, r.Outcome);
    }

    [Theory]
    [InlineData(StatuspageFixture.Html)]
    [InlineData(StatuspageFixture.Missing)]
    public async Task An_unreadable_page_is_lowered_to_a_warning(string scenario)
    {
        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options() with { StatusPageUrl = _pages.Page(scenario) });

        var stage = r.StageNamed(StatusPageStage.StageName)!;
        Assert.Equal(Outcome.Warn, stage.Outcome);
        Assert.Contains("could not be read", stage.Summary);
        Assert.Contains(stage.Findings, f => f.Code == FindingCodes.ApiStatusUnsupportedPage);
        // Catalogued as an error for Get-ProviderStatus; here it only informs.
        Assert.All(stage.Findings, f => Assert.NotEqual(Severity.Error, f.Severity));
        Assert.Equal(Outcome.Warn, r.Outcome);
    }

    [Fact]
    public async Task Turned_off_it_reads_nothing_even_with_a_page_given()
    {
        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options() with { IncludeStatusPage = false, StatusPageUrl = _pages.Page(StatuspageFixture.Outage) });

        var stage = r.StageNamed(StatusPageStage.StageName)!;
        Assert.Equal(Outcome.Skipped, stage.Outcome);
        Assert.Contains("turned off", stage.Summary);
        Assert.Empty(_pages.RequestedPaths);
        Assert.Equal(Outcome.Pass, r.Outcome);
    }

    [Fact]
    public async Task An_invalid_status_page_url_is_refused_before_anything_is_contacted()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => new ClaudeDiagnoser().DiagnoseAsync(Options() with { StatusPageUrl = "ftp://status.example" }));

        Assert.Contains("Status page URL", e.Message);
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task A_failed_run_stops_before_the_status_page()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = "sk-ant-api03-wrongkey0123456789abcdef0123456789Ww11";

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options() with { StatusPageUrl = _pages.Page(StatuspageFixture.Outage) });

        Assert.Equal(Outcome.Fail, r.Outcome);
        Assert.Equal(Outcome.Skipped, r.StageNamed(StatusPageStage.StageName)!.Outcome);
        Assert.Empty(_pages.RequestedPaths);
    }
}
