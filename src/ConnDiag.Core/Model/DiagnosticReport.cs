namespace ConnDiag.Model;

/// <summary>
/// The result of a layered diagnosis: every stage in order, the first one that failed, and all findings.
/// Profile reports (Claude) extend it.
/// </summary>
public record DiagnosticReport(
    Target Target,
    DateTimeOffset StartedAt,
    double DurationMs,
    IReadOnlyList<StageResult> Stages)
{
    /// <summary>The URL diagnosed, with credentials in it masked (<c>?api_key=…</c>); null for a host:port target.</summary>
    public string? Url { get; init; }

    /// <summary>Fail if any stage failed, else Warn if any warned, else Pass.</summary>
    public Outcome Outcome =>
        Stages.Any(s => s.Outcome == Outcome.Fail) ? Outcome.Fail
        : Stages.Any(s => s.Outcome == Outcome.Warn) ? Outcome.Warn
        : Outcome.Pass;

    /// <summary>Name of the first stage whose outcome is Fail, or null.</summary>
    public string? FailedStage => Stages.FirstOrDefault(s => s.Outcome == Outcome.Fail)?.Stage;

    /// <summary>The stage with this name (<c>dns</c>, <c>tcp</c>, <c>tls</c>...), or null when the plan has none.</summary>
    public StageResult? StageNamed(string name) => Stages.FirstOrDefault(s => string.Equals(s.Stage, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>All stages' findings, in stage order.</summary>
    public IReadOnlyList<Finding> Findings => Stages.SelectMany(s => s.Findings).ToList();
}
