using ConnDiag.Clock.Ntp;

namespace ConnDiag.Core.Tests.Clock;

/// <summary>The 64-bit NTP timestamp, its era wrap in 2036, and the difference arithmetic across it.</summary>
public class NtpTimestampTests
{
    private static readonly DateTimeOffset Era1Start = new(2036, 2, 7, 6, 28, 16, TimeSpan.Zero);

    [Fact]
    public void Known_instant_has_the_known_value()
    {
        // 2000-01-01T00:00:00Z is 3155673600 s after 1900 (RFC 5905 appendix: the NTP/Unix epoch tables).
        var t = NtpTimestamp.FromDateTime(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(3155673600u, t.Seconds);
        Assert.Equal(0u, t.Fraction);

        var half = NtpTimestamp.FromDateTime(new DateTimeOffset(2000, 1, 1, 0, 0, 0, 500, TimeSpan.Zero));
        Assert.Equal(0x8000_0000u, half.Fraction);
    }

    [Fact]
    public void Round_trips_near_the_pivot_to_within_a_tick()
    {
        var now = new DateTimeOffset(2026, 11, 22, 2, 33, 14, 123, TimeSpan.Zero).AddTicks(4567);
        var back = NtpTimestamp.FromDateTime(now).ToDateTime(now.AddDays(-3));
        Assert.InRange((back - now).Ticks, -1, 1);
    }

    [Fact]
    public void The_era_wraps_on_2036_02_07_and_the_pivot_picks_the_right_era()
    {
        var wrapped = NtpTimestamp.FromDateTime(Era1Start.AddSeconds(10));
        Assert.Equal(10u, wrapped.Seconds);

        // The same 32-bit seconds name 1900-01-01T00:00:10 in era 0; a pivot in 2036 puts them in era 1.
        Assert.Equal(Era1Start.AddSeconds(10), wrapped.ToDateTime(Era1Start.AddSeconds(-100)));
        Assert.Equal(Era1Start.AddSeconds(10), wrapped.ToDateTime(new DateTimeOffset(2050, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var lastOfEra0 = NtpTimestamp.FromDateTime(Era1Start.AddSeconds(-5));
        Assert.Equal(uint.MaxValue - 4, lastOfEra0.Seconds);
        Assert.Equal(Era1Start.AddSeconds(-5), lastOfEra0.ToDateTime(Era1Start.AddSeconds(100)));
    }

    [Fact]
    public void Differences_are_signed_and_correct_across_the_era_boundary()
    {
        var before = NtpTimestamp.FromDateTime(Era1Start.AddMilliseconds(-1500));
        var after = NtpTimestamp.FromDateTime(Era1Start.AddMilliseconds(2500));

        Assert.Equal(4000, NtpTimestamp.DifferenceMs(after, before), precision: 6);
        Assert.Equal(-4000, NtpTimestamp.DifferenceMs(before, after), precision: 6);
    }

    [Fact]
    public void Offset_and_delay_follow_the_RFC_4330_formulas()
    {
        // Server 1 h ahead, 10 ms each way, 2 ms inside the server.
        var t1 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var t2 = t1.AddHours(1).AddMilliseconds(10);
        var t3 = t2.AddMilliseconds(2);
        var t4 = t1.AddMilliseconds(22);

        var (a, b, c, d) = (NtpTimestamp.FromDateTime(t1), NtpTimestamp.FromDateTime(t2), NtpTimestamp.FromDateTime(t3), NtpTimestamp.FromDateTime(t4));

        Assert.Equal(3_600_000, NtpMath.OffsetMs(a, b, c, d), precision: 3);
        Assert.Equal(20, NtpMath.DelayMs(a, b, c, d), precision: 3);
    }
}
