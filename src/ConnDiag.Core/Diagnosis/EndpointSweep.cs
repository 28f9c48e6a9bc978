using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Diagnosis;

/// <summary>One finished target of a sweep: the input it came from and its report.</summary>
/// <param name="Target">The parsed input.</param>
/// <param name="Report">The diagnosis.</param>
public sealed record EndpointSweepResult(EndpointTarget Target, DiagnosticReport Report);

/// <summary>
/// Diagnoses many targets with at most <c>throttleLimit</c> diagnoses running at once; reports stream out as each
/// finishes (not in input order). Cancelling stops new diagnoses and aborts those running; an early stop by the
/// consumer waits for the running ones to end, so nothing they opened outlives the sweep.
/// </summary>
public static class EndpointSweep
{
    /// <summary>Most diagnoses in flight; each may hold a few sockets (one per address, the proxy, the HTTP client).</summary>
    public const int MaxThrottleLimit = 256;

    /// <summary>The default concurrency across targets.</summary>
    public const int DefaultThrottleLimit = 16;

    /// <summary>Runs the sweep.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The throttle limit is outside 1-<see cref="MaxThrottleLimit"/>.</exception>
    public static async IAsyncEnumerable<EndpointSweepResult> RunAsync(
        EndpointDiagnoser diagnoser, IEnumerable<EndpointTarget> targets, EndpointDiagnosisOptions options, int throttleLimit,
        IProgress<SweepProgress>? progress = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(diagnoser);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        if (throttleLimit is < 1 or > MaxThrottleLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, $"The throttle limit must be 1-{MaxThrottleLimit}.");
        }
        int? total = targets is IReadOnlyCollection<EndpointTarget> c ? c.Count : null;

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cts.Token;
        var results = Channel.CreateBounded<EndpointSweepResult>(new BoundedChannelOptions(throttleLimit) { SingleReader = true });
        using var source = targets.GetEnumerator();
        var sourceLock = new object();

        bool Next(out EndpointTarget? target)
        {
            lock (sourceLock)
            {
                if (source.MoveNext())
                {
                    target = source.Current;
                    return true;
                }
                target = null;
                return false;
            }
        }

        async Task WorkerAsync()
        {
            try
            {
                while (Next(out var target))
                {
                    var report = await diagnoser.DiagnoseAsync(target!, options, token).ConfigureAwait(false);
                    await results.Writer.WriteAsync(new EndpointSweepResult(target!, report), token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A fault ends the sweep now rather than after every other diagnosis has run out its timeouts.
                cts.Cancel();
                throw;
            }
        }

        var workers = Enumerable.Range(0, throttleLimit).Select(_ => Task.Run(WorkerAsync, token)).ToArray();
        var completion = Task.WhenAll(workers).ContinueWith(
            t => results.Writer.TryComplete(t.Exception?.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        var done = 0;
        try
        {
            await foreach (var r in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
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
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Cancellations caused just above, or a fault the reader has already rethrown.
            }
        }
    }
}
