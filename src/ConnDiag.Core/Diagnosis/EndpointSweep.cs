using System.Runtime.CompilerServices;
using ConnDiag.Concurrency;
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
        await foreach (var r in StreamingWorkers.RunAsync(StreamingWorkers.ToAsync(targets), throttleLimit,
            async (t, token) => new EndpointSweepResult(t, await diagnoser.DiagnoseAsync(t, options, token).ConfigureAwait(false)),
            progress, total, cancellationToken).ConfigureAwait(false))
        {
            yield return r;
        }
    }
}
