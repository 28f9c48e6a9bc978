using System.Globalization;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Claude.Status;

/// <summary>Turns what a page says (or why it could not be read) into API.STATUS_* findings.</summary>
internal static class ProviderStatusFindings
{
    /// <summary>The finding for the page's verdict, or null when it reports nothing (indicator none).</summary>
    public static Finding? ForSummary(StatusPageTarget target, StatuspageSummary s)
    {
        var code = s.Indicator switch
        {
            StatusIndicator.Minor => FindingCodes.ApiStatusDegraded,
            StatusIndicator.Major or StatusIndicator.Critical => FindingCodes.ApiStatusOutage,
            StatusIndicator.Maintenance => FindingCodes.ApiStatusMaintenance,
            _ => null,
        };
        if (code is null) return null;
        var words = s.Description is { } d ? $"\"{d}\"" : $"indicator {s.Indicator}";
        return FindingCatalog.Create(code,
            $"{target.Provider}'s status page ({target.PageUrl}) reports {words}.",
            Evidence(s));
    }

    public static Finding Unsupported(StatusPageTarget target, string what) =>
        FindingCatalog.Create(FindingCodes.ApiStatusUnsupportedPage,
            $"{target.PageUrl} is not an Atlassian Statuspage page: {target.SummaryUrl} {what}.",
            $"GET {target.SummaryUrl}: {what}.");

    private static string Evidence(StatuspageSummary s)
    {
        var parts = new List<string> { $"status.indicator '{s.Indicator.ToString().ToLowerInvariant()}'" };
        if (s.NonOperationalComponents.Count > 0)
        {
            parts.Add("components not operational: " + string.Join(", ", s.NonOperationalComponents.Take(10).Select(c => $"{c.Name} ({c.Status})"))
                + More(s.NonOperationalComponents.Count));
        }
        if (s.UnresolvedIncidents.Count > 0)
        {
            parts.Add("unresolved incidents: " + string.Join("; ", s.UnresolvedIncidents.Take(5).Select(Incident)) + More(s.UnresolvedIncidents.Count, 5));
        }
        if (s.ActiveMaintenances.Count > 0)
        {
            parts.Add("maintenance: " + string.Join("; ", s.ActiveMaintenances.Take(5).Select(Incident)) + More(s.ActiveMaintenances.Count, 5));
        }
        return string.Join("; ", parts) + ".";
    }

    private static string Incident(StatusIncident i)
    {
        var since = i.StartedAt is { } t ? ", since " + t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";
        var link = i.Shortlink is { } l ? " " + l : "";
        return $"\"{i.Name}\" ({i.Status}, impact {i.Impact}{since}){link}";
    }

    private static string More(int count, int shown = 10) => count > shown ? $" and {count - shown} more" : "";
}
