using System.Runtime.CompilerServices;
using System.Threading.Channels;
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
        return RunAsync(probe, ToAsync(targets), options, throttleLimit, progress, total, cancellationToken);
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

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cts.Token;
        using var gate = new SemaphoreSlim(throttleLimit, throttleLimit);
        var results = Channel.CreateBounded<TcpPortResult>(new BoundedChannelOptions(throttleLimit * 2) { SingleReader = true });
        var source = targets.GetAsyncEnumerator(token);
        var sourceLock = new SemaphoreSlim(1, 1);

        async Task<(bool, Target?)> NextAsync()
        {
            await sourceLock.WaitAsync(token).ConfigureAwait(false);
            try
            {
                return await source.MoveNextAsync().ConfigureAwait(false) ? (true, source.Current) : (false, null);
            }
            finally
            {
                sourceLock.Release();
            }
        }

        async Task WorkerAsync()
        {
            try
            {
                while (true)
                {
                    var (ok, target) = await NextAsync().ConfigureAwait(false);
                    if (!ok) return;
                    var result = await probe.ProbeAsync(target!, options, gate, token).ConfigureAwait(false);
                    await results.Writer.WriteAsync(result, token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A broken target source (or any other fault) ends the sweep now, not after every other
                // worker has waited out its connects: stop them, and the reader reports this exception.
                cts.Cancel();
                throw;
            }
        }

        // Workers only pull targets; the gate is what limits connects, so a target with several
        // addresses cannot push the number of sockets in flight past the limit.
        var workers = Enumerable.Range(0, throttleLimit).Select(_ => Task.Run(WorkerAsync, token)).ToArray();
        var completion = Task.WhenAll(workers).ContinueWith(
            t => results.Writer.TryComplete(t.Exception?.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        var done = 0;
        try
        {
            // The reader waits on the caller's token, not the linked one: when a worker fault cancels the
            // linked token, the reader must still see the channel complete with that fault, not a cancellation.
            await foreach (var r in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Results already buffered are not handed out once the caller has cancelled.
                cancellationToken.ThrowIfCancellationRequested();
                done++;
                progress?.Report(new SweepProgress(done, total));
                yield return r;
            }
            await completion.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            // Early exit (consumer stopped, cancellation, or a fault): stop every worker and wait, so no socket outlives the sweep.
            cts.Cancel();
            try
            {
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Cancellations from the line above, or a worker fault the reader has already reported.
            }
            await source.DisposeAsync().ConfigureAwait(false);
            sourceLock.Dispose();
        }
    }

    private static async IAsyncEnumerable<Target> ToAsync(IEnumerable<Target> targets)
    {
        foreach (var t in targets)
        {
            yield return t;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
