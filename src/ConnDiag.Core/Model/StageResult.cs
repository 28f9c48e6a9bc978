namespace ConnDiag.Model;

/// <summary>The verdict of one stage of a layered diagnosis.</summary>
/// <param name="Stage">Stage name, e.g. <c>tcp</c>.</param>
/// <param name="Layer">Layer the stage checks.</param>
/// <param name="Outcome">Pass, Warn, Fail, or Skipped (with the reason in <paramref name="Summary"/>).</param>
/// <param name="DurationMs">Wall time the stage took.</param>
/// <param name="Summary">One line for people.</param>
/// <param name="Findings">Findings this stage produced.</param>
/// <param name="Evidence">The typed evidence (TCP attempts, DNS answers, certificate chain, HTTP exchange).</param>
public sealed record StageResult(
    string Stage,
    Layer Layer,
    Outcome Outcome,
    double DurationMs,
    string Summary,
    IReadOnlyList<Finding> Findings,
    object? Evidence = null)
{
    /// <summary>A stage that did not run because an earlier one failed.</summary>
    public static StageResult Skipped(string stage, Layer layer, string reason) =>
        new(stage, layer, Outcome.Skipped, 0, reason, Array.Empty<Finding>());
}
