using System.Globalization;
using ConnDiag.Claude.Status;

namespace ConnDiag.Cli.Output;

/// <summary>`conndiag status` as text: the verdict line, what is not operational, the incidents, then the findings.</summary>
internal static class ProviderStatusText
{
    public static void Write(TextWriter output, ProviderStatusReport r)
    {
        var verdict = r.Indicator == StatusIndicator.Unknown ? "Unknown (the page could not be read)" : $"{r.Indicator}: {OneLine(r.Description ?? "(no description)")}";
        output.WriteLine($"{OneLine(r.Provider)}  {OneLine(r.PageUrl)}");
        output.WriteLine($"  Status     {verdict}");
        if (r.UpdatedAt is { } updated) output.WriteLine($"  Updated    {Time(updated)}");
        output.WriteLine($"  Fetched in {r.FetchMs.ToString("0", CultureInfo.InvariantCulture)} ms");

        if (r.NonOperationalComponents.Count > 0)
        {
            output.WriteLine("Components not operational:");
            foreach (var c in r.NonOperationalComponents)
            {
                var name = c.Group is null ? c.Name : $"{c.Group} / {c.Name}";
                output.WriteLine($"  {OneLine(name)}: {c.Status}");
            }
        }
        WriteIncidents(output, "Unresolved incidents:", r.UnresolvedIncidents);
        WriteIncidents(output, "Maintenance in progress:", r.ActiveMaintenances);
        if (r.Findings.Count > 0)
        {
            output.WriteLine("Findings:");
            FindingText.Write(output, r.Findings);
        }
    }

    private static void WriteIncidents(TextWriter output, string title, IReadOnlyList<StatusIncident> incidents)
    {
        if (incidents.Count == 0) return;
        output.WriteLine(title);
        foreach (var i in incidents)
        {
            var since = i.StartedAt is { } t ? $", since {Time(t)}" : "";
            output.WriteLine($"  {OneLine(i.Name)} ({i.Status}, impact {i.Impact}{since})");
            if (i.Shortlink is { } link) output.WriteLine($"    {OneLine(link)}");
        }
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string OneLine(string text) => FindingText.OneLine(text);
}
