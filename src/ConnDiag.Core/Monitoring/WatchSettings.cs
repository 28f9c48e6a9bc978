using ConnDiag.Diagnosis;

namespace ConnDiag.Monitoring;

/// <summary>
/// What an operator gives Watch-Endpoint or <c>conndiag watch</c>, as plain values, turned into
/// <see cref="WatchOptions"/> in one place so both front ends accept and reject exactly the same input.
/// </summary>
public sealed record WatchSettings
{
    /// <summary>Seconds between probe starts.</summary>
    public double IntervalSeconds { get; init; } = 5;

    /// <summary>Number of probes; null until cancelled.</summary>
    public long? Count { get; init; }

    /// <summary>Probes in the rolling window.</summary>
    public int WindowSize { get; init; } = WatchOptions.Default.WindowSize;

    /// <summary>p95 warning threshold in ms.</summary>
    public double WarnMs { get; init; } = WatchOptions.Default.WarnMs;

    /// <summary>p95 critical threshold in ms.</summary>
    public double CriticalMs { get; init; } = WatchOptions.Default.CriticalMs;

    /// <summary>Error-rate warning threshold in percent.</summary>
    public double ErrorRateWarnPercent { get; init; } = WatchOptions.Default.ErrorRateWarnPercent;

    /// <summary>Error-rate critical threshold in percent.</summary>
    public double ErrorRateCriticalPercent { get; init; } = WatchOptions.Default.ErrorRateCriticalPercent;

    /// <summary>Stage names (<c>dns</c>, <c>tcp,tls</c>...); empty: the whole diagnosis.</summary>
    public IReadOnlyList<string> Stages { get; init; } = [];

    /// <summary>
    /// Limit in seconds for each stage and for the whole probe; null: the stages' defaults (5 s per network step,
    /// 10 s for HTTP) and 10 s per probe.
    /// </summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>Proxy, trust and pinned-address settings, shared with Test-Endpoint (its HTTP.SLOW thresholds do not apply).</summary>
    public EndpointSettings Connection { get; init; } = new();

    /// <summary>Builds and checks the options.</summary>
    /// <exception cref="ArgumentException">A value is invalid; the message says which and what is expected.</exception>
    public WatchOptions Build()
    {
        if (double.IsNaN(IntervalSeconds) || double.IsInfinity(IntervalSeconds) || IntervalSeconds <= 0 || IntervalSeconds > WatchOptions.MaxInterval.TotalSeconds)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"Interval {IntervalSeconds} s is out of range: expected {WatchOptions.MinInterval.TotalSeconds} to {WatchOptions.MaxInterval.TotalSeconds} seconds."));
        }
        var diagnosis = (Connection with { TimeoutSeconds = TimeoutSeconds }).Build();
        var options = WatchOptions.Default with
        {
            Interval = TimeSpan.FromSeconds(IntervalSeconds),
            Count = Count,
            WindowSize = WindowSize,
            WarnMs = WarnMs,
            CriticalMs = CriticalMs,
            ErrorRateWarnPercent = ErrorRateWarnPercent,
            ErrorRateCriticalPercent = ErrorRateCriticalPercent,
            Stages = Stages,
            ProbeTimeout = TimeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : WatchOptions.Default.ProbeTimeout,
            Diagnosis = diagnosis,
        };
        options.Validate();
        return options;
    }

    /// <summary>Builds the options; false with a specific message naming the bad value and what is expected.</summary>
    public bool TryBuild(out WatchOptions? options, out string? error)
    {
        try
        {
            options = Build();
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            options = null;
            error = ex.Message;
            return false;
        }
    }
}
