using System.Globalization;
using ConnDiag.Monitoring;

namespace ConnDiag.Cli.Output;

/// <summary>
/// `conndiag watch` as text: one line per probe (time, latency, window p50/p95, error rate, state, what failed),
/// and after a probe that moved the state a line starting with "==> " naming old → new and the reason.
/// </summary>
internal sealed class WatchSampleText(TextWriter output) : IResultWriter<EndpointSample>
{
    /// <summary>What starts a state-change line, so `grep '^==>'` finds every change.</summary>
    public const string ChangeMarker = "==> ";

    public void Begin()
    {
    }

    public void Write(EndpointSample s)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{s.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}  #{s.Sequence}  {s.LatencyMs,8:0.0} ms  p50 {s.P50Ms:0.0} ms  p95 {s.P95Ms:0.0} ms  errors {s.ErrorRatePercent:0.#} % of {s.WindowSize}  {s.State}");
        if (!s.Success)
        {
            var codes = s.FindingCodes.Count > 0 ? string.Join(",", s.FindingCodes) : FindingText.OneLine(s.FailureSummary ?? "");
            line += $"  failed at {s.FailedStage}: {codes}";
        }
        output.WriteLine(line);
        if (s.StateChanged) output.WriteLine($"{ChangeMarker}{s.PreviousState} → {s.State}: {s.Reason}");
        output.Flush();
    }

    public void End() => output.Flush();
}
