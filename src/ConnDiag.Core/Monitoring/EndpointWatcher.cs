using System.Diagnostics;
using System.Runtime.CompilerServices;
using ConnDiag.Diagnosis;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Monitoring;

/// <summary>
/// Watches an endpoint: runs the diagnosis (or chosen stages) on a fixed-rate schedule and yields one
/// <see cref="EndpointSample"/> per probe, with the rolling p50/p95 latency, error rate and state over the last
/// <see cref="WatchOptions.WindowSize"/> probes. One probe at a time; memory is bounded by the window.
/// </summary>
public sealed class EndpointWatcher
{
    // The window judges latency; the probe's own HTTP.SLOW would turn a slow answer into a failed probe and count
    // it twice (in p95 and in the error rate).
    private const double NeverSlowMs = 1e9;

    /// <summary>
    /// Probes <paramref name="target"/> every <see cref="WatchOptions.Interval"/> until <see cref="WatchOptions.Count"/>
    /// probes ran or <paramref name="cancellationToken"/> is cancelled. Cancellation is how an unbounded watch ends:
    /// the enumeration then completes without an exception, and the probe in flight is abandoned (its sockets closed).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="WatchOptions.Validate"/>); thrown before the first probe.</exception>
    public IAsyncEnumerable<EndpointSample> WatchAsync(EndpointTarget target, WatchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return RunAsync(target, options, cancellationToken);
    }

    private static async IAsyncEnumerable<EndpointSample> RunAsync(
        EndpointTarget target, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var plan = WatchStages.Plan(options.Stages);
        var diagnosis = options.Diagnosis with
        {
            Http = options.Diagnosis.Http with { WarnMs = NeverSlowMs, CriticalMs = NeverSlowMs },
        };
        var window = new LatencyWindow(options.WindowSize);
        var schedule = new FixedRateSchedule(options.Interval);
        var clock = Stopwatch.StartNew();
        var display = target.ToString();
        WatchState? previous = null;

        for (long sequence = 1; options.Count is not { } count || sequence <= count; sequence++)
        {
            var report = await ProbeAsync(target, plan, diagnosis, options.ProbeTimeout, cancellationToken).ConfigureAwait(false);
            if (report is null) yield break;

            var success = report.Outcome != Outcome.Fail;
            var stats = window.Add(report.DurationMs, success);
            var (state, reason) = WatchStateRules.Evaluate(stats, options);
            yield return new EndpointSample(
                display, sequence, report.StartedAt, success, report.DurationMs, report.Outcome, report.FailedStage,
                StatusCode(report), report.Findings.Select(f => f.Code).ToList(),
                stats.P50Ms, stats.P95Ms, stats.ErrorRatePercent, stats.Count, state, previous, reason)
            {
                FailureSummary = report.FailedStage is { } failed ? report.StageNamed(failed)?.Summary : null,
            };
            previous = state;

            if (options.Count is { } last && sequence >= last) yield break;
            var wait = schedule.NextWait(clock.Elapsed);
            if (wait > TimeSpan.Zero && !await DelayAsync(wait, cancellationToken).ConfigureAwait(false)) yield break;
            if (cancellationToken.IsCancellationRequested) yield break;
        }
    }

    /// <summary>One diagnosis under the probe limit; null when the caller cancelled.</summary>
    private static async Task<DiagnosticReport?> ProbeAsync(
        EndpointTarget target, StagePlan plan, EndpointDiagnosisOptions diagnosis, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var bounded = StagePlan.Of(plan.Select(s => (IDiagnosticStage)new DeadlineStage(s, deadline.Token, limit)).ToArray());
        try
        {
            return await new EndpointDiagnoser(_ => bounded).DiagnoseAsync(target, diagnosis, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<bool> DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static int? StatusCode(DiagnosticReport report) =>
        report.StageNamed(HttpDiagnosticStage.StageName)?.Evidence is HttpProbeResult http ? http.StatusCode : null;
}
