using System.Globalization;
using ConnDiag.Model;

namespace ConnDiag.Cli.Output;

/// <summary>
/// The one loop every probing command shares: write each result as it completes, close the document even on
/// Ctrl+C (so JSON stays parseable), and turn the findings into the exit code (DESIGN §5).
/// </summary>
internal static class ResultStream
{
    public static Task<int> WriteAllAsync<T>(
        IAsyncEnumerable<T> results, IResultWriter<T> writer, Func<T, IReadOnlyList<Finding>> findings,
        CliConsole console, int total, string noun, CancellationToken cancellationToken) =>
        WriteAllAsync(results, writer, r => OutcomeRules.HasError(findings(r)), console, total, noun, cancellationToken);

    /// <summary>The same loop, for results that carry their own verdict (a diagnosis report's Fail outcome).</summary>
    public static async Task<int> WriteAllAsync<T>(
        IAsyncEnumerable<T> results, IResultWriter<T> writer, Func<T, bool> isFailure,
        CliConsole console, int total, string noun, CancellationToken cancellationToken)
    {
        var failed = false;
        var done = 0;
        writer.Begin();
        try
        {
            await foreach (var result in results.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                writer.Write(result);
                done++;
                failed |= isFailure(result);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.End();
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"conndiag: cancelled after {done} of {total} {noun}"));
            return ExitCodes.Cancelled;
        }
        writer.End();
        return failed ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }
}
