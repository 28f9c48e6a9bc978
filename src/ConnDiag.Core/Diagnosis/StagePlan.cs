using System.Collections;
using System.Collections.Immutable;

namespace ConnDiag.Diagnosis;

/// <summary>
/// The ordered stages of a diagnosis. Immutable: <see cref="InsertAfter"/> and <see cref="Append"/> return a new
/// plan, so a profile extends the default plan (auth, API stages) without copying it.
/// </summary>
public sealed class StagePlan : IReadOnlyList<IDiagnosticStage>
{
    private readonly ImmutableArray<IDiagnosticStage> _stages;

    private StagePlan(ImmutableArray<IDiagnosticStage> stages) => _stages = stages;

    /// <summary>A plan with no stages.</summary>
    public static StagePlan Empty { get; } = new(ImmutableArray<IDiagnosticStage>.Empty);

    /// <summary>A plan of these stages, in this order.</summary>
    /// <exception cref="ArgumentException">Two stages share a name.</exception>
    public static StagePlan Of(params IDiagnosticStage[] stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var plan = Empty;
        foreach (var s in stages) plan = plan.Append(s);
        return plan;
    }

    /// <summary>Stage names in order.</summary>
    public IReadOnlyList<string> Names => _stages.Select(s => s.Name).ToList();

    /// <inheritdoc/>
    public int Count => _stages.Length;

    /// <inheritdoc/>
    public IDiagnosticStage this[int index] => _stages[index];

    /// <summary>True when a stage has this name.</summary>
    public bool Contains(string stageName) => IndexOf(stageName) >= 0;

    /// <summary>A new plan with <paramref name="stage"/> at the end.</summary>
    /// <exception cref="ArgumentException">A stage with that name is already in the plan.</exception>
    public StagePlan Append(IDiagnosticStage stage)
    {
        CheckNew(stage);
        return new StagePlan(_stages.Add(stage));
    }

    /// <summary>A new plan with <paramref name="stage"/> right after the stage named <paramref name="stageName"/>.</summary>
    /// <exception cref="ArgumentException">No stage has that name, or the new stage's name is taken.</exception>
    public StagePlan InsertAfter(string stageName, IDiagnosticStage stage)
    {
        var i = IndexOf(stageName);
        if (i < 0)
        {
            throw new ArgumentException($"The plan has no stage named '{stageName}' (stages: {string.Join(", ", Names)}).", nameof(stageName));
        }
        CheckNew(stage);
        return new StagePlan(_stages.Insert(i + 1, stage));
    }

    /// <summary>
    /// A new plan that runs up to and including the stage named <paramref name="stageName"/>; the stages after it
    /// stay in the report as Skipped ("not asked for"), so a run can stop before credentials are sent or tokens spent.
    /// </summary>
    /// <exception cref="ArgumentException">No stage has that name; the message lists the stages.</exception>
    public StagePlan Through(string stageName)
    {
        var i = IndexOf(stageName);
        if (i < 0)
        {
            throw new ArgumentException($"The plan has no stage named '{stageName}' (stages: {string.Join(", ", Names)}).", nameof(stageName));
        }
        var last = _stages[i].Name;
        return new StagePlan(_stages.Select((s, n) => n <= i ? s : new NotAskedStage(s, last)).ToImmutableArray());
    }

    /// <summary>A stage after the last one asked for: reported, never run.</summary>
    private sealed class NotAskedStage(IDiagnosticStage stage, string last) : IDiagnosticStage
    {
        public string Name => stage.Name;

        public Model.Layer Layer => stage.Layer;

        public Task<Model.StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken) =>
            Task.FromResult(Model.StageResult.Skipped(Name, Layer, $"skipped: not asked for (the run stops after the {last} stage)"));
    }

    /// <inheritdoc/>
    public IEnumerator<IDiagnosticStage> GetEnumerator() => ((IEnumerable<IDiagnosticStage>)_stages).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string name)
    {
        for (var i = 0; i < _stages.Length; i++)
        {
            if (string.Equals(_stages[i].Name, name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    private void CheckNew(IDiagnosticStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (string.IsNullOrWhiteSpace(stage.Name)) throw new ArgumentException("A stage needs a name.", nameof(stage));
        if (IndexOf(stage.Name) >= 0) throw new ArgumentException($"The plan already has a stage named '{stage.Name}'.", nameof(stage));
    }
}
