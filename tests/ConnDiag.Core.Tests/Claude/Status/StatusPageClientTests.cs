using ConnDiag.Claude.Status;
using ConnDiag.Core.Tests.Claude.Status.Support;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Claude.Status;

/// <summary>The status-page client against a real loopback Statuspage fixture, one scenario per page.</summary>
public sealed class StatusPageClientTests : IAsyncLifetime
{
    private StatuspageFixture _pages = null!;

    public async Task InitializeAsync() => _pages = await StatuspageFixture.StartAsync();

    public async Task DisposeAsync() => await _pages.DisposeAsync();

    private async Task<ProviderStatusReport> ReadAsync(string scenario, StatusPageOptions? options = null, string suffix = "")
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var target = StatusPageTarget.FromUrl(_pages.Page(scenario) + suffix);
        return await new StatusPageClient().GetAsync(target, options ?? new StatusPageOptions { Timeout = TimeSpan.FromSeconds(10) }, limit.Token);
    }

    private static string Describe(ProviderStatusReport r) =>
        string.Join(" | ", r.Findings.Select(f => $"{f.Code} [{f.Severity}] {f.Summary} -- {f.Evidence}"));

    private static Finding Only(ProviderStatusReport r, string code)
    {
        var matches = r.Findings.Where(f => f.Code == code).ToList();
        Assert.True(matches.Count == 1, $"expected one {code}: {Describe(r)}");
        return matches[0];
    }

    [Fact]
    public async Task An_operational_page_reports_none_with_no_findings()
    {
        var r = await ReadAsync(StatuspageFixture.Operational);

        Assert.True(r.Findings.Count == 0, Describe(r));
        Assert.Equal(StatusIndicator.None, r.Indicator);
        Assert.Equal("All Systems Operational", r.Description);
        Assert.Equal("Fixture Status", r.PageName);
        Assert.Equal(_pages.Page(StatuspageFixture.Operational), r.PageUrl);
        Assert.Empty(r.NonOperationalComponents);
        Assert.Empty(r.UnresolvedIncidents);
        Assert.Empty(r.ActiveMaintenances);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 5, 10, 0, TimeSpan.Zero), r.UpdatedAt);
        Assert.True(r.IsOperational);
        Assert.True(r.FetchMs > 0);
        Assert.StartsWith("127.0.0.1:", r.Provider, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_minor_incident_is_degraded_with_its_components_and_incident()
    {
        var r = await ReadAsync(StatuspageFixture.Degraded);

        Assert.Equal(StatusIndicator.Minor, r.Indicator);
        Assert.False(r.IsOperational);
        Assert.Equal(
            [new StatusComponent("Claude API (api.anthropic.com)", ComponentStatus.PartialOutage, null), new StatusComponent("Claude Code", ComponentStatus.DegradedPerformance, null)],
            r.NonOperationalComponents);
        var incident = Assert.Single(r.UnresolvedIncidents);
        Assert.Equal(new StatusIncident("Elevated errors on the Messages API", IncidentStatus.Identified, StatusIndicator.Minor,
            new DateTimeOffset(2026, 11, 22, 4, 41, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 5, 5, 0, TimeSpan.Zero), "https://stspg.io/deg1"), incident);

        var f = Only(r, FindingCodes.ApiStatusDegraded);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("Partially Degraded Service", f.Summary, StringComparison.Ordinal);
        Assert.Contains("Claude API (api.anthropic.com) (PartialOutage)", f.Evidence, StringComparison.Ordinal);
        Assert.Contains("https://stspg.io/deg1", f.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Findings, x => x.Severity == Severity.Error);
    }

    [Fact]
    public async Task A_major_outage_names_the_group_and_leaves_out_resolved_incidents_and_group_rows()
    {
        var r = await ReadAsync(StatuspageFixture.Outage);

        Assert.Equal(StatusIndicator.Major, r.Indicator);
        Assert.Equal("Partial System Outage", r.Description);
        var component = Assert.Single(r.NonOperationalComponents);
        Assert.Equal(new StatusComponent("Claude API (api.anthropic.com)", ComponentStatus.MajorOutage, "APIs"), component);
        var incident = Assert.Single(r.UnresolvedIncidents);
        Assert.Equal("Claude API unavailable", incident.Name);
        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Equal(StatusIndicator.Major, incident.Impact);

        var f = Only(r, FindingCodes.ApiStatusOutage);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("https://stspg.io/out1", f.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("stspg.io/old1", f.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maintenance_is_information_and_counts_as_operational()
    {
        var r = await ReadAsync(StatuspageFixture.Maintenance);

        Assert.Equal(StatusIndicator.Maintenance, r.Indicator);
        Assert.True(r.IsOperational);
        Assert.Equal(ComponentStatus.UnderMaintenance, Assert.Single(r.NonOperationalComponents).Status);
        var m = Assert.Single(r.ActiveMaintenances);
        Assert.Equal(("Database upgrade", IncidentStatus.InProgress, StatusIndicator.Maintenance), (m.Name, m.Status, m.Impact));
        Assert.Empty(r.UnresolvedIncidents);
        Assert.Equal(Severity.Info, Only(r, FindingCodes.ApiStatusMaintenance).Severity);
    }

    [Fact]
    public async Task An_html_page_is_an_unsupported_page_not_an_exception()
    {
        var r = await ReadAsync(StatuspageFixture.Html);

        Assert.Equal(StatusIndicator.Unknown, r.Indicator);
        Assert.False(r.IsOperational);
        Assert.Null(r.PageName);
        var f = Only(r, FindingCodes.ApiStatusUnsupportedPage);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("text/html", f.Summary, StringComparison.Ordinal);
        Assert.Contains("<!DOCTYPE html>", f.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatuspageFixture.InvalidJson, "the body is not JSON")]
    [InlineData(StatuspageFixture.WrongJson, "no 'page' object")]
    public async Task Json_that_is_not_a_Statuspage_summary_is_an_unsupported_page(string scenario, string why)
    {
        var r = await ReadAsync(scenario);

        Assert.Equal(StatusIndicator.Unknown, r.Indicator);
        Assert.Contains(why, Only(r, FindingCodes.ApiStatusUnsupportedPage).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_summary_is_an_unsupported_page_with_the_404_behind_it()
    {
        var r = await ReadAsync(StatuspageFixture.Missing);

        Assert.Equal(StatusIndicator.Unknown, r.Indicator);
        Assert.Equal(FindingCodes.ApiStatusUnsupportedPage, r.Findings[0].Code);
        Assert.Contains(r.Findings, f => f.Code == FindingCodes.HttpNotFound);
    }

    [Fact]
    public async Task An_oversized_body_is_cut_at_the_cap_and_not_parsed()
    {
        var r = await ReadAsync(StatuspageFixture.Oversized, new StatusPageOptions { Timeout = TimeSpan.FromSeconds(20), MaxBodyBytes = 256 * 1024 });

        Assert.Equal(StatusIndicator.Unknown, r.Indicator);
        var f = Only(r, FindingCodes.HttpBodyTruncated);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("262144 bytes", f.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Findings, x => x.Code == FindingCodes.ApiStatusUnsupportedPage);
    }

    [Fact]
    public async Task The_default_cap_is_2_MiB_and_stops_the_fixture_s_3_MiB_body()
    {
        Assert.Equal(2 * 1024 * 1024, StatusPageOptions.Default.MaxBodyBytes);
        var r = await ReadAsync(StatuspageFixture.Oversized, new StatusPageOptions { Timeout = TimeSpan.FromSeconds(30) });

        Assert.Contains(r.Findings, f => f.Code == FindingCodes.HttpBodyTruncated && f.Severity == Severity.Error);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_a_timeout_finding()
    {
        var r = await ReadAsync(StatuspageFixture.Slow, new StatusPageOptions { Timeout = TimeSpan.FromSeconds(1) });

        Assert.Equal(StatusIndicator.Unknown, r.Indicator);
        Assert.Contains(r.Findings, f => f.Code == FindingCodes.HttpTimeout && f.Severity == Severity.Error);
    }

    [Fact]
    public async Task A_closed_port_is_the_TCP_finding()
    {
        int port;
        using (var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            l.Start();
            port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        }
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var r = await new StatusPageClient().GetAsync(StatusPageTarget.FromUrl($"http://127.0.0.1:{port}"), new StatusPageOptions { Timeout = TimeSpan.FromSeconds(5) }, limit.Token);

        Assert.Equal(StatusIndicator.Unknown, r.Indicator);
        Assert.Contains(r.Findings, f => f.Code == FindingCodes.TcpRefused);
    }

    [Fact]
    public async Task The_summary_url_itself_reads_the_same_page()
    {
        var r = await ReadAsync(StatuspageFixture.Degraded, suffix: "/api/v2/summary.json");

        Assert.Equal(StatusIndicator.Minor, r.Indicator);
        Assert.Equal(_pages.Page(StatuspageFixture.Degraded), r.PageUrl);
        Assert.Equal(["/degraded/api/v2/summary.json"], _pages.RequestedPaths);
    }

    [Fact]
    public async Task ConnectTo_pins_the_address_so_the_page_name_is_never_looked_up()
    {
        var port = new Uri(_pages.Page(StatuspageFixture.Operational)).Port;
        var target = StatusPageTarget.FromUrl($"http://status.fixture.invalid:{port}/{StatuspageFixture.Operational}");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var r = await new StatusPageClient(resolver: new RefusingResolver()).GetAsync(target,
            new StatusPageOptions { ConnectTo = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port) }, limit.Token);

        Assert.True(r.Findings.Count == 0, Describe(r));
        Assert.Equal(StatusIndicator.None, r.Indicator);
        Assert.Equal($"status.fixture.invalid:{port}", r.Provider);
    }

    [Fact]
    public async Task Invalid_options_are_argument_errors()
    {
        var target = StatusPageTarget.FromUrl(_pages.Page(StatuspageFixture.Operational));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => new StatusPageClient().GetAsync(target, new StatusPageOptions { Timeout = TimeSpan.Zero }));
        Assert.Contains("Timeout", e.Message, StringComparison.Ordinal);
        Assert.Empty(_pages.RequestedPaths);
    }

    /// <summary>Fails every lookup: proves a test did not need one.</summary>
    private sealed class RefusingResolver : ConnDiag.Dns.IAddressResolver
    {
        public Task<ConnDiag.Dns.AddressResolution> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"unexpected lookup of {host}");
    }
}
