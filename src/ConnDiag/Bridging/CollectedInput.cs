using System.Runtime.CompilerServices;

namespace ConnDiag.Bridging;

/// <summary>
/// Adapts an engine sweep that takes a finished list of inputs (such as EndpointSweep) to <see cref="AsyncBridge{TIn, TOut}"/>,
/// which streams inputs as the pipeline delivers them. The sweep starts once the cmdlet's input is complete
/// (EndProcessing), so it knows the total for progress; its results still stream out as each target finishes.
/// </summary>
internal static class CollectedInput
{
    public static Func<IAsyncEnumerable<TIn>, CancellationToken, IAsyncEnumerable<TOut>> Then<TIn, TOut>(
        Func<IReadOnlyList<TIn>, CancellationToken, IAsyncEnumerable<TOut>> sweep) =>
        (input, ct) => RunAsync(input, sweep, ct);

    private static async IAsyncEnumerable<TOut> RunAsync<TIn, TOut>(
        IAsyncEnumerable<TIn> input, Func<IReadOnlyList<TIn>, CancellationToken, IAsyncEnumerable<TOut>> sweep,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var all = new List<TIn>();
        await foreach (var item in input.WithCancellation(cancellationToken).ConfigureAwait(false)) all.Add(item);
        if (all.Count == 0) yield break;
        await foreach (var result in sweep(all, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return result;
        }
    }
}
