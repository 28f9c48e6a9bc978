using ConnDiag.Claude.Status;
using ConnDiag.Core.Tests.Claude.Status.Support;

namespace ConnDiag.Core.Tests.Claude.Status;

/// <summary>The one-minute status-page cache against the real loopback Statuspage fixture, with a clock the test moves.</summary>
public sealed class StatusPageCacheTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    private StatuspageFixture _pages = null!;

    public async Task InitializeAsync() => _pages = await StatuspageFixture.StartAsync();

    public async Task DisposeAsync() => await _pages.DisposeAsync();

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private async Task<ProviderStatusReport> ReadAsync(string scenario, StatusPageCache? cache)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var options = new StatusPageOptions { Timeout = TimeSpan.FromSeconds(10), Cache = cache };
        return await new StatusPageClient().GetAsync(StatusPageTarget.FromUrl(_pages.Page(scenario)), options, limit.Token);
    }

    private int Requests(string scenario) => _pages.RequestedPaths.Count(p => p.StartsWith("/" + scenario + "/", StringComparison.Ordinal));

    [Fact]
    public async Task A_page_read_less_than_a_minute_ago_is_reused_and_asked_again_after()
    {
        var cache = new StatusPageCache(time: _clock);

        var first = await ReadAsync(StatuspageFixture.Degraded, cache);
        _clock.Advance(TimeSpan.FromSeconds(59));
        var second = await ReadAsync(StatuspageFixture.Degraded, cache);
        var afterSecond = Requests(StatuspageFixture.Degraded);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var third = await ReadAsync(StatuspageFixture.Degraded, cache);

        Assert.False(first.FromCache);
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromSeconds(61), first.FetchedAt);
        Assert.True(second.FromCache);
        Assert.Equal(first.FetchedAt, second.FetchedAt);
        Assert.Equal(first.Indicator, second.Indicator);
        Assert.Equal(1, afterSecond);
        Assert.False(third.FromCache);
        Assert.Equal(_clock.GetUtcNow(), third.FetchedAt);
        Assert.Equal(2, Requests(StatuspageFixture.Degraded));
    }

    [Fact]
    public async Task A_page_that_could_not_be_read_is_asked_again_at_once()
    {
        var cache = new StatusPageCache(time: _clock);

        var first = await ReadAsync(StatuspageFixture.Missing, cache);
        var second = await ReadAsync(StatuspageFixture.Missing, cache);

        Assert.Equal(StatusIndicator.Unknown, first.Indicator);
        Assert.False(second.FromCache);
        Assert.Equal(2, Requests(StatuspageFixture.Missing));
    }

    [Fact]
    public async Task Other_pages_are_other_entries_and_without_a_cache_every_read_asks()
    {
        var cache = new StatusPageCache(time: _clock);

        await ReadAsync(StatuspageFixture.Operational, cache);
        var outage = await ReadAsync(StatuspageFixture.Outage, cache);
        await ReadAsync(StatuspageFixture.Maintenance, cache: null);
        await ReadAsync(StatuspageFixture.Maintenance, cache: null);

        Assert.False(outage.FromCache);
        Assert.Equal(StatusIndicator.Major, outage.Indicator);
        Assert.Equal(1, Requests(StatuspageFixture.Operational));
        Assert.Equal(2, Requests(StatuspageFixture.Maintenance));
    }

    [Fact]
    public void A_time_to_live_that_is_not_positive_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StatusPageCache(TimeSpan.Zero));
    }
}
