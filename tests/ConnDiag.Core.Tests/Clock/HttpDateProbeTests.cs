using System.Globalization;
using ConnDiag.Clock;
using ConnDiag.Core.Tests.Clock.Support;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Findings;

namespace ConnDiag.Core.Tests.Clock;

/// <summary>
/// The HTTP Date method against real loopback servers: one in the test process whose Date header the test
/// sets, and python3's http.server running under libfaketime with its whole clock an hour ahead.
/// </summary>
public class HttpDateProbeTests
{
    private static readonly ClockSkewOptions Options = new(TimeSpan.FromSeconds(5));

    private static Task<ClockSkewResult> Measure(Uri uri, ClockSkewOptions? options = null)
    {
        Assert.True(ClockSource.TryParseUri(uri.ToString(), out var source, out var error), error);
        return new ClockSkewProbe().MeasureAsync(source!, options ?? Options);
    }

    [Fact]
    public async Task A_server_with_the_right_time_gives_no_finding()
    {
        using var server = DateHttpServer.Skewed(TimeSpan.Zero);

        var r = await Measure(server.Uri);

        Assert.True(r.Succeeded, string.Join("; ", r.Findings));
        Assert.Empty(r.Findings);
        Assert.Equal(ClockMethod.HttpDate, r.Method);
        Assert.Equal(server.Uri.ToString(), r.Source);
        Assert.Null(r.Stratum);
        Assert.Null(r.ReferenceId);
        Assert.Null(r.RemoteAddress);
        Assert.Equal(1, r.Requests);
        Assert.Equal(1, server.Requests);
        // Whole seconds only: within the stated uncertainty, which starts at one second.
        Assert.InRange(r.UncertaintyMs!.Value, 1000, 3500);
        Assert.InRange(Math.Abs(r.OffsetMs!.Value), 0, r.UncertaintyMs.Value);
        Assert.Equal(5000, r.MaximumOffsetMs);
        Assert.Equal(r.OffsetMs!.Value, (r.ServerTime!.Value - r.LocalTime!.Value).TotalMilliseconds, precision: 0);
        Assert.Equal(500, r.ServerTime.Value.Millisecond);
    }

    [Fact]
    public async Task A_Date_an_hour_ahead_raises_CLOCK_SKEW_whatever_the_status_code()
    {
        using var server = DateHttpServer.Skewed(TimeSpan.FromHours(1), status: "405 Method Not Allowed");

        var r = await Measure(server.Uri);

        Assert.True(r.Succeeded);
        Assert.InRange(r.OffsetMs!.Value, 3_595_000, 3_605_000);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockSkew, f.Code);
        Assert.Equal($"The local clock is 1 h 0 min behind {server.Uri} (HTTP Date).", f.Summary);
        Assert.Contains("HTTP 405", f.Evidence);
        Assert.Contains("the Date header counts whole seconds", f.Evidence);
        Assert.Contains("allowed offset 5.0 s", f.Evidence);
    }

    [Fact]
    public async Task A_few_seconds_pass_by_default_but_not_under_a_strict_threshold()
    {
        using var server = DateHttpServer.Skewed(TimeSpan.FromSeconds(-4));

        var lenient = await Measure(server.Uri);
        var strict = await Measure(server.Uri, Options with { MaximumOffset = TimeSpan.FromMilliseconds(500) });

        // -4 s ± 1 s is within the 5 s default ...
        Assert.InRange(lenient.OffsetMs!.Value, -6000, -2000);
        Assert.Empty(lenient.Findings);
        // ... but beyond 0.5 s even after taking the one-second resolution off.
        var f = Assert.Single(strict.Findings);
        Assert.Equal(FindingCodes.ClockSkew, f.Code);
        Assert.Contains("ahead of", f.Summary);
    }

    [Fact]
    public async Task One_second_off_is_within_the_resolution_even_with_no_allowance()
    {
        using var server = DateHttpServer.Skewed(TimeSpan.Zero);

        var r = await Measure(server.Uri, Options with { MaximumOffset = TimeSpan.Zero });

        Assert.Empty(r.Findings);
    }

    [Fact]
    public async Task No_Date_header_is_CLOCK_NO_DATE()
    {
        using var server = new DateHttpServer(() => null);

        var r = await Measure(server.Uri);

        Assert.False(r.Succeeded);
        Assert.Null(r.OffsetMs);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockNoDate, f.Code);
        Assert.Equal($"The response of {server.Uri} has no Date header.", f.Summary);
        Assert.Contains("HTTP 200", f.Evidence);
    }

    [Fact]
    public async Task A_Date_that_is_not_an_HTTP_date_is_quoted_in_the_finding()
    {
        using var server = new DateHttpServer(() => "2026-11-22T02:33:14Z");

        var r = await Measure(server.Uri);

        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockNoDate, f.Code);
        Assert.Contains("'2026-11-22T02:33:14Z'", f.Summary);
    }

    [Fact]
    public async Task A_refused_connection_is_CLOCK_NO_RESPONSE()
    {
        int port;
        using (var s = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            s.Start();
            port = ((System.Net.IPEndPoint)s.LocalEndpoint).Port;
        }

        var r = await Measure(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));

        Assert.False(r.Succeeded);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockNoResponse, f.Code);
        Assert.Contains("refused", f.Evidence, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_server_that_never_answers_costs_the_timeout_and_no_more()
    {
        using var server = new DateHttpServer(() => null, silent: true);

        var r = await Measure(server.Uri, Options with { Timeout = TimeSpan.FromMilliseconds(400) });

        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockNoResponse, f.Code);
        Assert.Contains("no response headers from", f.Evidence);
        Assert.Contains("within 0.4 s", f.Evidence);
    }

    [Fact]
    public async Task An_https_server_whose_certificate_fails_validation_is_CLOCK_NO_RESPONSE_with_the_clock_hint()
    {
        using var server = new SelfSignedTlsServer();

        var r = await Measure(new Uri($"https://127.0.0.1:{server.Port.ToString(CultureInfo.InvariantCulture)}/"));

        Assert.False(r.Succeeded);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockNoResponse, f.Code);
        Assert.Contains("SSL connection could not be established", f.Evidence);
        Assert.Contains("a local clock that is far off makes valid certificates look expired", f.Evidence);
    }

    [LinuxFact("python3", "faketime")]
    public async Task A_real_server_whose_clock_runs_an_hour_ahead()
    {
        using var server = await FakeTimePythonServer.StartAsync(TimeSpan.FromHours(1));

        var r = await Measure(server.Uri);

        Assert.True(r.Succeeded, string.Join("; ", r.Findings));
        Assert.InRange(r.OffsetMs!.Value, 3_595_000, 3_605_000);
        Assert.Equal(FindingCodes.ClockSkew, Assert.Single(r.Findings).Code);
        Assert.Contains("Date: ", r.Findings[0].Evidence);
    }
}
