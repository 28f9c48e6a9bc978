using System.Runtime.CompilerServices;
using ConnDiag.Concurrency;
using ConnDiag.Model;

namespace ConnDiag.Tls;

/// <summary>
/// Probes many TLS targets concurrently: at most <c>throttleLimit</c> targets in flight, reports streamed as
/// they complete (not in input order), input pulled only as workers free up, and cancellation aborting the
/// handshakes in flight.
/// </summary>
public static class TlsSweep
{
    public const int MaxThrottleLimit = 1024;

    public static IAsyncEnumerable<TlsChainReport> RunAsync(
        TlsProbe probe, IEnumerable<Target> targets, TlsProbeOptions options, int throttleLimit, CancellationToken cancellationToken = default) =>
        RunAsync(probe, StreamingWorkers.ToAsync(targets), options, throttleLimit, cancellationToken);

    public static async IAsyncEnumerable<TlsChainReport> RunAsync(
        TlsProbe probe, IAsyncEnumerable<Target> targets, TlsProbeOptions options, int throttleLimit,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(targets);
        if (throttleLimit is < 1 or > MaxThrottleLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, $"The throttle limit must be 1-{MaxThrottleLimit}.");
        }

        await foreach (var report in StreamingWorkers.RunAsync(targets, throttleLimit, (t, token) => probe.ProbeAsync(t, options, token),
            progress: null, total: null, cancellationToken).ConfigureAwait(false))
        {
            yield return report;
        }
    }
}
