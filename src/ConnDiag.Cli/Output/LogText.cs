using System.Globalization;
using ConnDiag.Logs;

namespace ConnDiag.Cli.Output;

/// <summary>
/// `conndiag logs` as text: one grep-like line per finding (SOURCE:LINE CODE text), then each code's remedy once.
/// </summary>
internal sealed class LogText(TextWriter output) : IResultWriter<LogFinding>
{
    // One entry per code seen: bounded by the catalogue, not by the log.
    private readonly SortedDictionary<string, string> _remedies = new(StringComparer.Ordinal);

    public void Begin()
    {
    }

    public void Write(LogFinding f)
    {
        var time = f.Timestamp is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture) : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Source}:{f.LineNumber}: {f.Code} {time}{FindingText.OneLine(f.Text)}"));
        _remedies.TryAdd(f.Code, f.Remedy);
        output.Flush();
    }

    public void End()
    {
        if (_remedies.Count == 0)
        {
            output.WriteLine("no connection errors found");
        }
        else
        {
            output.WriteLine();
            foreach (var (code, remedy) in _remedies) output.WriteLine($"{code}: {remedy}");
        }
        output.Flush();
    }

    public static void WriteSummary(TextWriter output, LogSummary summary)
    {
        if (summary.Codes.Count == 0)
        {
            output.WriteLine("no connection errors found");
            return;
        }
        output.WriteLine($"{"CODE",-32} {"SEVERITY",-8} {"COUNT",7}  {"FIRST SEEN",-19}  {"LAST SEEN",-19}  FIRST AT");
        foreach (var c in summary.Codes)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Code,-32} {c.Severity,-8} {c.Count,7}  {Time(c.FirstSeen),-19}  {Time(c.LastSeen),-19}  {c.FirstSource}:{c.FirstLineNumber}"));
        }
        output.Flush();
    }

    private static string Time(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";
}
