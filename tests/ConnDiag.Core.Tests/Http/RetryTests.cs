using System.Collections.Concurrent;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>A route that fails a set number of times per id before it answers 200.</summary>
public sealed class FlakyServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _hits = new();

    internal TestWebServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/flaky", (HttpContext c) =>
            {
                var id = c.Request.Query["id"].ToString();
                var fails = int.Parse(c.Request.Query["fails"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
                var n = _hits.AddOrUpdate(id, 1, (_, v) => v + 1);
                if (n <= fails)
                {
                    c.Response.StatusCode = 503;
                    c.Response.Headers.RetryAfter = c.Request.Query["retryAfter"].ToString() is { Length: > 0 } ra ? ra : "0";
                    return c.Response.WriteAsync("try again");
                }
                return c.Response.WriteAsync("recovered");
            });
        });
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public class RetryTests(FlakyServer fixture) : IClassFixture<FlakyServer>
{
    private readonly TestWebServer _server = fixture.Server;

    private Uri Flaky(int fails, string? retryAfter = null) =>
        _server.Url($"/flaky?id={Guid.NewGuid():N}&fails={fails}" + (retryAfter is null ? "" : $"&retryAfter={retryAfter}"));

    [Fact]
    public async Task Retries_are_off_by_default_so_the_first_attempt_is_the_verdict()
    {
        var result = await ProbeAsync(Flaky(fails: 1));

        Assert.Single(result.Attempts);
        Single(result, FindingCodes.HttpServiceUnavailable);
    }

    [Fact]
    public async Task Each_retry_is_recorded_and_the_last_attempt_gives_the_verdict()
    {
        var result = await ProbeAsync(Flaky(fails: 2), Fast with { Retries = 3 });

        Assert.Equal([1, 2, 3], result.Attempts.Select(a => a.Number));
        Assert.Equal([503, 503, 200], result.Attempts.Select(a => a.Final.StatusCode!.Value));
        Assert.Equal(0, result.Attempts[0].DelayBeforeMs);
        Assert.All(result.Attempts.Skip(1), a => Assert.InRange(a.DelayBeforeMs, 1, Fast.RetryMaxDelay.TotalMilliseconds));
        Assert.Single(result.Attempts[0].Findings, f => f.Code == FindingCodes.HttpServiceUnavailable);
        Assert.Empty(result.Findings);
        Assert.Equal(Outcome.Pass, result.Outcome);
    }

    [Fact]
    public async Task Retry_After_is_honoured_up_to_the_maximum_delay()
    {
        // The server asks for 30 s; the probe waits its maximum (200 ms here) instead.
        var result = await ProbeAsync(Flaky(fails: 1, retryAfter: "30"), Fast with { Retries = 1 });

        Assert.Equal(2, result.Attempts.Count);
        Assert.Equal(Fast.RetryMaxDelay.TotalMilliseconds, result.Attempts[1].DelayBeforeMs);
    }

    [Fact]
    public async Task Retries_stop_when_they_run_out()
    {
        var result = await ProbeAsync(Flaky(fails: 5), Fast with { Retries = 2 });

        Assert.Equal(3, result.Attempts.Count);
        Single(result, FindingCodes.HttpServiceUnavailable);
    }

    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 1.0, 1000)]
    [InlineData(2, 0.0, 1000)]
    [InlineData(3, 1.0, 4000)]
    [InlineData(10, 1.0, 10000)]
    public void Backoff_doubles_with_bounded_jitter_and_never_exceeds_the_maximum(int retry, double jitter, double expectedMs)
    {
        var options = HttpProbeOptions.Default with { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(10) };
        Assert.Equal(expectedMs, RetryPolicy.Delay(retry, options, null, jitter).TotalMilliseconds, 6);
    }
}
