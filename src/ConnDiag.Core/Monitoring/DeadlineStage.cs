using System.Globalization;
using ConnDiag.Diagnosis;
using ConnDiag.Model;

namespace ConnDiag.Monitoring;

/// <summary>
/// A stage run under the probe's overall limit: when the limit (not the caller) cancels it, the stage fails with
/// a summary saying so, and the diagnoser skips the later stages as for any failure. The caller's cancellation
/// still ends the run.
/// </summary>
internal sealed class DeadlineStage(IDiagnosticStage inner, CancellationToken deadline, TimeSpan limit) : IDiagnosticStage
{
    public string Name => inner.Name;

    public Layer Layer => inner.Layer;

    public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        if (deadline.IsCancellationRequested) return Overrun();
        try
        {
            return await inner.RunAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return Overrun();
        }
    }

    private StageResult Overrun() =>
        new(Name, Layer, Outcome.Fail, 0,
            string.Create(CultureInfo.InvariantCulture, $"no result within the probe's {limit.TotalSeconds:0.###} s limit: the {Name} stage was stopped"),
            []);
}
