using System.Runtime.CompilerServices;
using System.Threading.Channels;
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
        RunAsync(probe, ToAsync(targets), options, throttleLimit, cancellationToken);

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

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var results = Channel.CreateBounded<TlsChainReport>(new BoundedChannelOptions(throttleLimit * 2) { SingleReader = true });
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = throttleLimit, CancellationToken = cts.Token };
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(targets, parallel, async (target, token) =>
                {
                    var report = await probe.ProbeAsync(target, options, token).ConfigureAwait(false);
                    await results.Writer.WriteAsync(report, token).ConfigureAwait(false);
                }).ConfigureAwait(false);
                results.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                results.Writer.TryComplete(ex);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var report in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return report;
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            // Consumer stopped early, cancelled, or a fault: stop every probe and wait, so no socket outlives the sweep.
            cts.Cancel();
            await producer.ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<Target> ToAsync(IEnumerable<Target> targets)
    {
        foreach (var t in targets) yield return t;
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
