using System.Globalization;
using ConnDiag.Diagnosis;

namespace ConnDiag.Monitoring;

/// <summary>How to watch an endpoint: schedule, window, thresholds, and the diagnosis each probe runs.</summary>
public sealed record WatchOptions
{
    /// <summary>Shortest interval: a watch is a monitor, not a load generator.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest interval (one day).</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    /// <summary>Largest window; the ring buffer holds this many probes at most.</summary>
    public const int MaxWindowSize = 10_000;

    /// <summary>Defaults: every 5 s until cancelled, window 20, warn 500 ms / 1 %, critical 2000 ms / 5 %.</summary>
    public static WatchOptions Default { get; } = new();

    /// <summary>Time between probe starts (fixed rate: probe n starts at start + n × interval).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Number of probes; null watches until the token is cancelled.</summary>
    public long? Count { get; init; }

    /// <summary>Probes the rolling statistics cover.</summary>
    public int WindowSize { get; init; } = 20;

    /// <summary>p95 latency (ms) at or over which the state is Warning.</summary>
    public double WarnMs { get; init; } = 500;

    /// <summary>p95 latency (ms) at or over which the state is Critical.</summary>
    public double CriticalMs { get; init; } = 2000;

    /// <summary>Error rate (percent of the window) at or over which the state is Warning.</summary>
    public double ErrorRateWarnPercent { get; init; } = 1;

    /// <summary>Error rate (percent of the window) at or over which the state is Critical.</summary>
    public double ErrorRateCriticalPercent { get; init; } = 5;

    /// <summary>Limit for one whole probe; a stage still running when it ends fails with that reason.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Stage names to run (<c>dns</c>, <c>tcp</c>, <c>tls</c>, <c>http</c>...); empty runs the whole diagnosis. See <see cref="WatchStages"/>.</summary>
    public IReadOnlyList<string> Stages { get; init; } = [];

    /// <summary>The diagnosis each probe runs (proxy, trust, request). Its HTTP.SLOW thresholds are ignored: the window judges latency.</summary>
    public EndpointDiagnosisOptions Diagnosis { get; init; } = EndpointDiagnosisOptions.Default;

    /// <summary>Checks every value; the message names the value, the rule it breaks and what to give instead.</summary>
    /// <exception cref="ArgumentException">A value is out of range or the thresholds are in the wrong order.</exception>
    public void Validate()
    {
        if (Interval < MinInterval || Interval > MaxInterval)
        {
            throw new ArgumentException(Text($"Interval {Interval.TotalSeconds} s is out of range: expected {MinInterval.TotalSeconds} to {MaxInterval.TotalSeconds} seconds."));
        }
        if (Count is < 1) throw new ArgumentException(Text($"Count {Count} is out of range: expected 1 or more (or none to watch until cancelled)."));
        if (WindowSize is < 1 or > MaxWindowSize)
        {
            throw new ArgumentException(Text($"WindowSize {WindowSize} is out of range: expected 1 to {MaxWindowSize} probes."));
        }
        Positive(WarnMs, "WarnMs", "milliseconds");
        Positive(CriticalMs, "CriticalMs", "milliseconds");
        if (CriticalMs < WarnMs)
        {
            throw new ArgumentException(Text($"CriticalMs {CriticalMs} is below WarnMs {WarnMs}: the critical latency threshold must be at least the warning one."));
        }
        Percent(ErrorRateWarnPercent, "ErrorRateWarnPercent");
        Percent(ErrorRateCriticalPercent, "ErrorRateCriticalPercent");
        if (ErrorRateCriticalPercent < ErrorRateWarnPercent)
        {
            throw new ArgumentException(Text($"ErrorRateCriticalPercent {ErrorRateCriticalPercent} is below ErrorRateWarnPercent {ErrorRateWarnPercent}: the critical error rate must be at least the warning one."));
        }
        if (ProbeTimeout <= TimeSpan.Zero || ProbeTimeout > TimeSpan.FromSeconds(300))
        {
            throw new ArgumentException(Text($"Timeout {ProbeTimeout.TotalSeconds} s is out of range: expected more than 0 and at most 300 seconds."));
        }
        ArgumentNullException.ThrowIfNull(Diagnosis);
        WatchStages.Plan(Stages);
    }

    private static void Positive(double value, string name, string unit)
    {
        if (!(value > 0) || double.IsInfinity(value)) throw new ArgumentException(Text($"{name} {value} is out of range: expected a number of {unit} above 0."));
    }

    private static void Percent(double value, string name)
    {
        if (!(value > 0) || value > 100) throw new ArgumentException(Text($"{name} {value} is out of range: expected a percentage above 0 and at most 100."));
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
