using ConnDiag.Model;

namespace ConnDiag.Diagnosis;

/// <summary>
/// One layer of a diagnosis. A stage reads the facts earlier stages proved from the context, records its own, and
/// returns its verdict; it returns <see cref="StageResult.Skipped"/> itself when it does not apply to the target.
/// Network outcomes are findings in the result, never exceptions.
/// </summary>
public interface IDiagnosticStage
{
    /// <summary>The stage name in reports, e.g. <c>tcp</c>; unique within a plan.</summary>
    string Name { get; }

    /// <summary>The layer the stage checks.</summary>
    Layer Layer { get; }

    /// <summary>Runs the stage. The diagnoser measures and records its duration.</summary>
    Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken);
}
