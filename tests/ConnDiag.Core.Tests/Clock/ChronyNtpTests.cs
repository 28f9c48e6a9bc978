using System.Globalization;
using System.Net;
using ConnDiag.Clock;
using ConnDiag.Core.Tests.Clock.Support;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Findings;

namespace ConnDiag.Core.Tests.Clock;

/// <summary>
/// The SNTP client against a real chronyd on loopback (started with -x: it never touches the system clock),
/// and the same chronyd with its clock moved by libfaketime. Offsets are asserted as ranges around the
/// injected skew, never as timings.
/// </summary>
public class ChronyNtpTests
{
    private static readonly ClockSkewOptions Options = new(TimeSpan.FromSeconds(2));

    private static ClockSource Source(string text)
    {
        Assert.True(ClockSource.TryParseNtpServer(text, out var source, out var error), error);
        return source!;
    }

    [LinuxRootFact("chronyd")]
    public async Task A_synchronized_server_gives_a_small_offset_and_no_finding()
    {
        using var chrony = ChronyServer.Start();

        var r = await new ClockSkewProbe().MeasureAsync(Source($"127.0.0.1:{chrony.Port}"), Options);

        Assert.True(r.Succeeded, string.Join("; ", r.Findings));
        Assert.Empty(r.Findings);
        Assert.False(r.IsSkewed);
        Assert.Equal(ClockMethod.Ntp, r.Method);
        Assert.Equal($"127.0.0.1:{chrony.Port}", r.Source);
        Assert.Equal(IPAddress.Loopback, r.RemoteAddress);
        // Same machine, same clock: the offset is the measurement noise.
        Assert.InRange(r.OffsetMs!.Value, -500, 500);
        Assert.InRange(r.RoundTripMs!.Value, 0, 1000);
        Assert.Equal(8, r.Stratum);
        Assert.Equal("127.127.1.1", r.ReferenceId); // chrony's "local" reference
        Assert.Equal(1, r.Requests);
        Assert.Equal(0, r.IgnoredReplies);
        Assert.Equal(2000, r.MaximumOffsetMs);
        Assert.Equal(r.OffsetMs!.Value, (r.ServerTime!.Value - r.LocalTime!.Value).TotalMilliseconds, precision: 0);
    }

    [LinuxRootFact("chronyd")]
    public async Task Works_over_IPv6_loopback()
    {
        using var chrony = ChronyServer.Start();

        var r = await new ClockSkewProbe().MeasureAsync(Source($"[::1]:{chrony.Port}"), Options);

        Assert.True(r.Succeeded, string.Join("; ", r.Findings));
        Assert.Equal(IPAddress.IPv6Loopback, r.RemoteAddress);
        Assert.Equal($"[::1]:{chrony.Port}", r.Source);
        Assert.InRange(r.OffsetMs!.Value, -500, 500);
    }

    [LinuxRootFact("chronyd", "faketime")]
    public async Task A_server_an_hour_ahead_raises_CLOCK_SKEW_with_the_local_clock_behind()
    {
        using var chrony = ChronyServer.Start(clockOffset: TimeSpan.FromHours(1));

        var r = await new ClockSkewProbe().MeasureAsync(Source($"127.0.0.1:{chrony.Port}"), Options);

        Assert.True(r.Succeeded);
        Assert.InRange(r.OffsetMs!.Value, 3_590_000, 3_610_000);
        Assert.InRange(r.Offset!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.True(r.IsSkewed);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockSkew, f.Code);
        Assert.Equal(ConnDiag.Model.Severity.Error, f.Severity);
        Assert.Equal(ConnDiag.Model.Layer.Clock, f.Layer);
        Assert.Equal($"The local clock is 1 h 0 min behind 127.0.0.1:{chrony.Port} (NTP).", f.Summary);
        Assert.Contains("stratum 8", f.Evidence);
        Assert.Matches(@"offset \+3(599|600)\d{3}\.\d ms ±\d+\.\d ms, round trip \d+\.\d ms", f.Evidence);
        Assert.Contains("round trip", f.Evidence);
        Assert.Contains("timedatectl set-ntp true", f.Remedy);
        Assert.Contains("w32tm /resync", f.Remedy);

        // The helper the TLS analysis uses: a local reading in the server's time.
        var local = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.InRange(r.ToSourceTime(local)!.Value, local.AddMinutes(59), local.AddMinutes(61));
    }

    [LinuxRootFact("chronyd", "faketime")]
    public async Task A_server_an_hour_behind_gives_a_negative_offset_the_local_clock_ahead()
    {
        using var chrony = ChronyServer.Start(clockOffset: TimeSpan.FromHours(-1));

        var r = await new ClockSkewProbe().MeasureAsync(Source($"[::1]:{chrony.Port}"), Options);

        Assert.InRange(r.OffsetMs!.Value, -3_610_000, -3_590_000);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockSkew, f.Code);
        Assert.StartsWith("The local clock is 1 h 0 min ahead of [::1]:", f.Summary, StringComparison.Ordinal);
    }

    [LinuxRootFact("chronyd")]
    public async Task A_local_clock_that_is_wrong_is_measured_against_a_correct_server()
    {
        using var chrony = ChronyServer.Start();
        var probe = new ClockSkewProbe(clock: new ShiftedClock(TimeSpan.FromMinutes(-10)));

        var r = await probe.MeasureAsync(Source($"127.0.0.1:{chrony.Port}"), Options);

        // Local 10 min behind: the server is 10 min ahead of it.
        Assert.InRange(r.OffsetMs!.Value, 599_000, 601_000);
        Assert.Equal(FindingCodes.ClockSkew, Assert.Single(r.Findings).Code);
        Assert.Contains("10 min 0 s behind", r.Findings[0].Summary);
    }

    [LinuxRootFact("chronyd")]
    public async Task The_maximum_offset_option_moves_the_threshold()
    {
        using var chrony = ChronyServer.Start();
        var probe = new ClockSkewProbe(clock: new ShiftedClock(TimeSpan.FromSeconds(-30)));

        var allowed = await probe.MeasureAsync(Source($"127.0.0.1:{chrony.Port}"), Options with { MaximumOffset = TimeSpan.FromMinutes(1) });
        var strict = await probe.MeasureAsync(Source($"127.0.0.1:{chrony.Port}"), Options with { MaximumOffset = TimeSpan.FromSeconds(10) });

        Assert.InRange(allowed.OffsetMs!.Value, 29_000, 31_000);
        Assert.Empty(allowed.Findings);
        Assert.Equal(60_000, allowed.MaximumOffsetMs);
        Assert.Equal(FindingCodes.ClockSkew, Assert.Single(strict.Findings).Code);
        Assert.Contains("allowed offset 10.0 s", strict.Findings[0].Evidence);
    }

    [LinuxRootFact("chronyd")]
    public async Task The_server_name_resolves_through_the_system_resolver()
    {
        using var chrony = ChronyServer.Start();

        var r = await new ClockSkewProbe().MeasureAsync(Source("localhost:" + chrony.Port.ToString(CultureInfo.InvariantCulture)), Options);

        Assert.True(r.Succeeded, string.Join("; ", r.Findings));
        Assert.True(IPAddress.IsLoopback(r.RemoteAddress!));
    }
}
