using ConnDiag.Monitoring;

namespace ConnDiag.Core.Tests.Monitoring;

/// <summary>The state rules, the option checks, the stage choice and the fixed-rate grid: pure logic, no network.</summary>
public sealed class WatchRulesTests
{
    private static readonly WatchOptions Thresholds = WatchOptions.Default;

    [Theory]
    [InlineData(100, 0, 0, WatchState.Ok)]
    [InlineData(499.9, 0, 0, WatchState.Ok)]
    [InlineData(500, 0, 0, WatchState.Warning)]
    [InlineData(1999, 0, 0, WatchState.Warning)]
    [InlineData(2000, 0, 0, WatchState.Critical)]
    [InlineData(100, 1, 100, WatchState.Warning)]   // 1 %
    [InlineData(100, 5, 100, WatchState.Critical)]  // 5 %
    [InlineData(100, 4, 100, WatchState.Warning)]   // 4 %
    public void The_state_follows_p95_and_error_rate_against_the_thresholds(double p95, int failed, int count, WatchState expected)
    {
        var stats = new WindowStatistics(count == 0 ? 1 : count, failed, p95 / 2, p95);

        var (state, _) = WatchStateRules.Evaluate(stats, Thresholds);

        Assert.Equal(expected, state);
    }

    [Fact]
    public void The_reason_names_each_threshold_crossed_with_the_numbers()
    {
        var (state, reason) = WatchStateRules.Evaluate(new WindowStatistics(20, 2, 900, 2140), Thresholds);

        Assert.Equal(WatchState.Critical, state);
        Assert.Equal("p95 2140 ms ≥ critical 2000 ms; error rate 10 % ≥ critical 5 %", reason);
        Assert.Equal("p95 700 ms ≥ warn 500 ms", WatchStateRules.Evaluate(new WindowStatistics(20, 0, 100, 700), Thresholds).Reason);
        Assert.Equal("p95 120 ms < warn 500 ms, error rate 0 % < warn 1 %", WatchStateRules.Evaluate(new WindowStatistics(20, 0, 80, 120), Thresholds).Reason);
    }

    [Theory]
    [InlineData("WarnMs", "WarnMs 0 is out of range: expected a number of milliseconds above 0.")]
    [InlineData("CriticalBelowWarn", "CriticalMs 400 is below WarnMs 500: the critical latency threshold must be at least the warning one.")]
    [InlineData("RateOver100", "ErrorRateCriticalPercent 150 is out of range: expected a percentage above 0 and at most 100.")]
    [InlineData("RateOrder", "ErrorRateCriticalPercent 2 is below ErrorRateWarnPercent 3: the critical error rate must be at least the warning one.")]
    [InlineData("NegativeRate", "ErrorRateWarnPercent -1 is out of range: expected a percentage above 0 and at most 100.")]
    [InlineData("Window", "WindowSize 0 is out of range: expected 1 to 10000 probes.")]
    [InlineData("Interval", "Interval 0.01 s is out of range: expected 0.1 to 86400 seconds.")]
    [InlineData("Count", "Count 0 is out of range: expected 1 or more (or none to watch until cancelled).")]
    [InlineData("Stage", "Unknown stage 'icmp': expected one or more of config, dns, tcp, proxy, tls, http (e.g. dns,tcp,tls,http).")]
    public void Bad_options_get_a_specific_message(string which, string message)
    {
        var options = which switch
        {
            "WarnMs" => Thresholds with { WarnMs = 0 },
            "CriticalBelowWarn" => Thresholds with { CriticalMs = 400 },
            "RateOver100" => Thresholds with { ErrorRateCriticalPercent = 150 },
            "RateOrder" => Thresholds with { ErrorRateWarnPercent = 3, ErrorRateCriticalPercent = 2 },
            "NegativeRate" => Thresholds with { ErrorRateWarnPercent = -1 },
            "Window" => Thresholds with { WindowSize = 0 },
            "Interval" => Thresholds with { Interval = TimeSpan.FromMilliseconds(10) },
            "Count" => Thresholds with { Count = 0 },
            "Stage" => Thresholds with { Stages = ["tcp", "icmp"] },
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Bad_options_are_refused_before_the_first_probe()
    {
        var target = ConnDiag.Diagnosis.EndpointTarget.Parse("127.0.0.1:9");

        // WatchAsync itself throws: nothing is enumerated, so nothing is probed.
        Assert.Throws<ArgumentException>(() => new EndpointWatcher().WatchAsync(target, Thresholds with { CriticalMs = 1 }));
    }

    [Fact]
    public void Chosen_stages_keep_diagnosis_order_and_bring_what_they_need()
    {
        Assert.Equal(["dns", "tcp", "tls"], WatchStages.Plan(["TLS"]).Names);
        Assert.Equal(["dns", "tcp", "http"], WatchStages.Plan(["http", "tcp"]).Names);
        Assert.Equal(["http"], WatchStages.Plan(["http"]).Names);
        Assert.Equal(["config", "dns", "tcp", "proxy", "tls", "http"], WatchStages.Plan([]).Names);
    }

    [Fact]
    public void The_schedule_keeps_a_fixed_grid_and_never_catches_up_missed_ticks()
    {
        var schedule = new FixedRateSchedule(TimeSpan.FromSeconds(1));
        static TimeSpan S(double s) => TimeSpan.FromSeconds(s);

        // Probe 0 took 0.2 s: wait until 1 s. Probe 1 (started at 1 s) took 0.3 s: wait until 2 s.
        Assert.Equal(S(0.8), schedule.NextWait(S(0.2)));
        Assert.Equal(S(0.7), schedule.NextWait(S(1.3)));
        // Probe 2 (started at 2 s) took 2.5 s, past ticks 3 and 4: the next starts at once (4.5 s), no burst after it.
        Assert.Equal(TimeSpan.Zero, schedule.NextWait(S(4.5)));
        // That probe took 0.1 s (ends 4.6 s): the next waits for the grid point at 5 s, not for 4.5 + 1 s.
        Assert.Equal(S(0.4), schedule.NextWait(S(4.6)));
        Assert.Equal(S(0.9), schedule.NextWait(S(5.1)));
    }
}
