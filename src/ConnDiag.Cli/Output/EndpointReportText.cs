using System.Globalization;
using ConnDiag.Model;

namespace ConnDiag.Cli.Output;

/// <summary>
/// `conndiag endpoint` as text, one block per target as its report arrives: a header line (target, outcome, the
/// stage that failed, total time), one line per stage, then every finding with its evidence and remedy.
/// </summary>
internal sealed class EndpointReportText : IResultWriter<DiagnosticReport>
{
    private const int StageWidth = 8;
    private const int OutcomeWidth = 8;
    private readonly TextWriter _out;
    private readonly Action<TextWriter, DiagnosticReport>? _details;
    private bool _first = true;

    /// <param name="output">Where the text goes.</param>
    /// <param name="details">What a profile adds between the stages and the findings (`conndiag claude`'s config block), or null.</param>
    public EndpointReportText(TextWriter output, Action<TextWriter, DiagnosticReport>? details = null)
    {
        _out = output;
        _details = details;
    }

    public void Begin() => _out.Flush();

    public void Write(DiagnosticReport r)
    {
        if (!_first) _out.WriteLine();
        _first = false;
        var failed = r.FailedStage is { } stage ? $" at {stage}" : "";
        _out.WriteLine($"{FindingText.OneLine(r.Url ?? r.Target.ToString())}  {r.Outcome}{failed}  {Ms(r.DurationMs)}");
        // Profiles add longer stage names (claude-config, status-page); the column widens for them.
        var width = Math.Max(StageWidth, r.Stages.Count == 0 ? 0 : r.Stages.Max(s => s.Stage.Length));
        foreach (var s in r.Stages)
        {
            _out.WriteLine($"  {s.Stage.PadRight(width)} {s.Outcome.ToString().PadRight(OutcomeWidth)} {Ms(s.DurationMs),10}  {FindingText.OneLine(Detail(s))}");
        }
        _details?.Invoke(_out, r);
        foreach (var f in r.Findings)
        {
            _out.WriteLine($"  {f.Code} ({f.Severity}) {FindingText.OneLine(f.Summary)}");
            if (f.Evidence.Length > 0) _out.WriteLine($"    evidence: {FindingText.OneLine(f.Evidence)}");
            _out.WriteLine($"    → {FindingText.OneLine(f.Remedy)}");
        }
        _out.Flush();
    }

    public void End() => _out.Flush();

    /// <summary>The first finding says most about a stage; a stage without one has its summary.</summary>
    private static string Detail(StageResult s) => s.Findings.Count > 0 ? s.Findings[0].Code + "  " + s.Summary : s.Summary;

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
