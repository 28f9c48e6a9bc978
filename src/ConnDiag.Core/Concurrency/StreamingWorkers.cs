using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ConnDiag.Tcp;

namespace ConnDiag.Concurrency;

/// <summary>
/// The shape every sweep shares: a fixed number of workers pull items from a source as they free up, results
/// stream out as each finishes (not in input order), a fault in one worker ends the sweep at once, cancelling
/// stops new work and aborts what runs, and an early stop by the consumer waits for every worker, so nothing
/// they opened outlives the sweep. Memory stays bounded: input is pulled only as workers free up.
/// </summary>
internal static class StreamingWorkers
{
    public static async IAsyncEnumerable<TOut> RunAsync<TIn, TOut>(
        IAsyncEnumerable<TIn> source, int workers, Func<TIn, CancellationToken, Task<TOut>> work,
        IProgress<SweepProgress>? progress, int? total, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cts.Token;
        var results = Channel.CreateBounded<TOut>(new BoundedChannelOptions(workers * 2) { SingleReader = true });
        var items = source.GetAsyncEnumerator(token);
        var itemsLock = new SemaphoreSlim(1, 1);

        async Task<(bool, TIn?)> NextAsync()
        {
            await itemsLock.WaitAsync(token).ConfigureAwait(false);
            try
            {
                return await items.MoveNextAsync().ConfigureAwait(false) ? (true, items.Current) : (false, default);
            }
            finally
            {
                itemsLock.Release();
            }
        }

        async Task WorkerAsync()
        {
            try
            {
                while (true)
                {
                    var (ok, item) = await NextAsync().ConfigureAwait(false);
                    if (!ok) return;
                    var result = await work(item!, token).ConfigureAwait(false);
                    await results.Writer.WriteAsync(result, token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A broken source (or any other fault) ends the sweep now, not after every other worker has
                // waited out its timeouts: stop them, and the reader reports this exception.
                cts.Cancel();
                throw;
            }
        }

        var running = Enumerable.Range(0, workers).Select(_ => Task.Run(WorkerAsync, token)).ToArray();
        var completion = Task.WhenAll(running).ContinueWith(
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
            cts.Cancel();
            try
            {
                await Task.WhenAll(running).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Cancellations from the line above, or a worker fault the reader has already reported.
            }
            await items.DisposeAsync().ConfigureAwait(false);
            itemsLock.Dispose();
        }
    }

    /// <summary>A synchronous sequence as an async one, pulled lazily.</summary>
    public static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
