using ConnDiag.Model;

namespace ConnDiag.Monitoring;

/// <summary>Health of a watched endpoint against its thresholds.</summary>
public enum WatchState
{
    /// <summary>Latency and error rate under the warning thresholds.</summary>
    Ok,

    /// <summary>p95 latency or error rate at or over a warning threshold.</summary>
    Warning,

    /// <summary>p95 latency or error rate at or over a critical threshold.</summary>
    Critical,
}

/// <summary>
/// One probe of a watched endpoint, with the rolling statistics over the window that ends with it.
/// </summary>
/// <param name="Target">The endpoint as shown to people (credentials masked).</param>
/// <param name="Sequence">1 for the first probe of the watch, counting up.</param>
/// <param name="Timestamp">When the probe started.</param>
/// <param name="Success">True when no stage of this probe failed.</param>
/// <param name="LatencyMs">Wall time of this probe.</param>
/// <param name="Outcome">The probe's overall outcome (Pass, Warn, Fail).</param>
/// <param name="FailedStage">The first failing stage of this probe, or null.</param>
/// <param name="StatusCode">HTTP status of this probe, when an HTTP stage ran and got one.</param>
/// <param name="FindingCodes">Codes of this probe's findings, in stage order.</param>
/// <param name="P50Ms">Median latency over the window.</param>
/// <param name="P95Ms">95th-percentile latency over the window.</param>
/// <param name="ErrorRatePercent">Failed probes in the window, in percent.</param>
/// <param name="WindowSize">Probes in the window (at most the configured window length).</param>
/// <param name="State">The state after this probe.</param>
/// <param name="PreviousState">The state before this probe (null for the first).</param>
/// <param name="Reason">Why the state is what it is, e.g. "p95 2140 ms ≥ critical 2000 ms".</param>
public sealed record EndpointSample(
    string Target,
    long Sequence,
    DateTimeOffset Timestamp,
    bool Success,
    double LatencyMs,
    Outcome Outcome,
    string? FailedStage,
    int? StatusCode,
    IReadOnlyList<string> FindingCodes,
    double P50Ms,
    double P95Ms,
    double ErrorRatePercent,
    int WindowSize,
    WatchState State,
    WatchState? PreviousState,
    string Reason)
{
    /// <summary>True when this probe moved the state across a threshold (the first probe never does).</summary>
    public bool StateChanged => PreviousState is { } previous && previous != State;

    /// <summary>The failing stage's one-line summary (what went wrong, e.g. the probe limit running out), or null.</summary>
    public string? FailureSummary { get; init; }
}
