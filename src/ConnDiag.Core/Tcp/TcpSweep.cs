using System.Runtime.CompilerServices;
using ConnDiag.Concurrency;
using ConnDiag.Model;

namespace ConnDiag.Tcp;

/// <summary>Progress of a sweep: results finished so far, and the total when it is known.</summary>
public readonly record struct SweepProgress(int Completed, int? Total);

/// <summary>
/// Probes many targets concurrently: at most <c>throttleLimit</c> connects are in flight at any moment,
/// results stream out as they complete (not in input order), and cancelling stops new connects at once and
/// aborts those in flight. Memory stays bounded: input is pulled only as workers free up.
/// </summary>
public static class TcpSweep
{
    public const int MaxThrottleLimit = 10_000;

    public static IAsyncEnumerable<TcpPortResult> RunAsync(
        TcpProbe probe, IEnumerable<Target> targets, TcpProbeOptions options, int throttleLimit,
        IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        int? total = targets is IReadOnlyCollection<Target> c ? c.Count : null;
        return RunAsync(probe, StreamingWorkers.ToAsync(targets), options, throttleLimit, progress, total, cancellationToken);
    }

    public static async IAsyncEnumerable<TcpPortResult> RunAsync(
        TcpProbe probe, IAsyncEnumerable<Target> targets, TcpProbeOptions options, int throttleLimit,
        IProgress<SweepProgress>? progress = null, int? total = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (throttleLimit is < 1 or > MaxThrottleLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, $"The throttle limit must be 1-{MaxThrottleLimit}.");
        }

        using var gate = new SemaphoreSlim(throttleLimit, throttleLimit);
        // Workers only pull targets; the gate is what limits connects, so a target with several
        // addresses cannot push the number of sockets in flight past the limit.
        await foreach (var r in StreamingWorkers.RunAsync(targets, throttleLimit, (t, token) => probe.ProbeAsync(t, options, gate, token),
            progress, total, cancellationToken).ConfigureAwait(false))
        {
            yield return r;
        }
    }
}
