using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Claude.Status.Support;

namespace ConnDiag.Cli.Tests;

/// <summary>
/// `conndiag status` as a whole process against the loopback Statuspage fixture. Every run that reaches the
/// network passes --url with the fixture's address; provider names appear only in runs that fail on input.
/// </summary>
public sealed class StatusCommandTests : IAsyncLifetime
{
    private StatuspageFixture _pages = null!;

    public async Task InitializeAsync() => _pages = await StatuspageFixture.StartAsync();

    public async Task DisposeAsync() => await _pages.DisposeAsync();

    [Fact]
    public async Task An_operational_page_exits_0_with_the_verdict_line()
    {
        var run = await Conndiag.RunAsync("status", "--url", _pages.Page(StatuspageFixture.Operational));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Status     None: All Systems Operational", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Updated    2026-11-22 05:10:00 UTC", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Findings:", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task A_degraded_page_exits_1_and_names_components_incident_and_finding()
    {
        var run = await Conndiag.RunAsync("status", "--url", _pages.Page(StatuspageFixture.Degraded), "--timeout", "10");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Minor: Partially Degraded Service", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  Claude API (api.anthropic.com): PartialOutage", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  Elevated errors on the Messages API (Identified, impact Minor, since 2026-11-22 04:41:00 UTC)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("    https://stspg.io/deg1", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("API.STATUS_DEGRADED", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outage_as_json_is_one_object_with_the_group_and_the_open_incident()
    {
        var run = await Conndiag.RunAsync("status", "--url", _pages.Page(StatuspageFixture.Outage) + "/api/v2/summary.json", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal("Major", root.GetProperty("indicator").GetString());
        Assert.False(root.GetProperty("isOperational").GetBoolean());
        Assert.Equal(_pages.Page(StatuspageFixture.Outage), root.GetProperty("pageUrl").GetString());
        var component = Assert.Single(root.GetProperty("nonOperationalComponents").EnumerateArray().ToList());
        Assert.Equal(("APIs", "MajorOutage"), (component.GetProperty("group").GetString(), component.GetProperty("status").GetString()));
        var incident = Assert.Single(root.GetProperty("unresolvedIncidents").EnumerateArray().ToList());
        Assert.Equal("https://stspg.io/out1", incident.GetProperty("shortlink").GetString());
        Assert.Contains(root.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "API.STATUS_OUTAGE");
    }

    [Fact]
    public async Task Maintenance_exits_0_and_lists_the_maintenance()
    {
        var run = await Conndiag.RunAsync("status", "--url", _pages.Page(StatuspageFixture.Maintenance));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Maintenance in progress:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Database upgrade (InProgress, impact Maintenance", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Next week's upgrade", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_is_not_Statuspage_exits_1_with_the_unsupported_finding()
    {
        var run = await Conndiag.RunAsync("status", "--url", _pages.Page(StatuspageFixture.Html));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Unknown (the page could not be read)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("API.STATUS_UNSUPPORTED_PAGE", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task A_page_that_never_answers_exits_1_with_a_timeout()
    {
        var run = await Conndiag.RunAsync("status", "--url", _pages.Page(StatuspageFixture.Slow), "--timeout", "1", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal("Unknown", doc.RootElement.GetProperty("indicator").GetString());
        Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "HTTP.TIMEOUT");
    }

    [Theory]
    [InlineData(new[] { "status", "OpenAI" }, "unknown provider 'OpenAI': the built-in providers are Anthropic, DeepSeek, Groq, GitHub")]
    [InlineData(new[] { "status", "anthropic", "groq" }, "status takes one provider name")]
    [InlineData(new[] { "status", "anthropic", "--url", "http://127.0.0.1:9/" }, "give a provider name or --url, not both")]
    [InlineData(new[] { "status", "--url", "ftp://status.example.test" }, "the scheme is 'ftp'")]
    [InlineData(new[] { "status", "--url", "https://status.example.test/?x=1" }, "without a query or fragment")]
    [InlineData(new[] { "status", "--timeout", "0" }, "invalid --timeout '0'")]
    [InlineData(new[] { "status", "--url" }, "option '--url' needs a value")]
    [InlineData(new[] { "status", "--verbose" }, "--verbose")]
    public async Task Bad_input_exits_2_with_one_line_and_no_request(string[] args, string message)
    {
        var run = await Conndiag.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains(message, line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Credentials_in_the_url_are_refused_and_never_echoed()
    {
        var run = await Conndiag.RunAsync("status", "--url", "https://ops:hunter2canary@status.example.test");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("user info", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2canary", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help", "status")]
    [InlineData("status", "--help")]
    public async Task Status_help_names_every_option_and_the_exit_codes(params string[] args)
    {
        var run = await Conndiag.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var text in new[] { "--url", "--timeout", "--json", "Anthropic", "API.STATUS_OUTAGE", "Ctrl+C" })
        {
            Assert.Contains(text, run.Stdout, StringComparison.Ordinal);
        }
        Assert.Empty(_pages.RequestedPaths);
    }

    [Fact]
    public async Task The_general_help_and_the_unknown_command_error_list_status()
    {
        var help = await Conndiag.RunAsync("--help");
        var unknown = await Conndiag.RunAsync("no-such-command");

        Assert.Contains("conndiag status [PROVIDER]", help.Stdout, StringComparison.Ordinal);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Matches(@"\(commands: [a-z, -]*\bstatus\b[a-z, -]*;", unknown.Stderr);
    }
}
