using System.Globalization;
using System.Text.Json;

namespace ConnDiag.Claude.Status;

/// <summary>
/// Reads a Statuspage v2 <c>summary.json</c>. The shape test is deliberately small (an object with <c>page</c> and
/// a <c>status.indicator</c> string): anything else is "not a Statuspage page", never an exception. Unknown enum
/// strings become Unknown rather than failing, so a new status value from Atlassian does not break the report.
/// </summary>
internal static class StatuspageSummaryParser
{
    /// <summary>Longest text kept from the page (names, descriptions): a hostile page cannot flood the output.</summary>
    private const int MaxTextChars = 500;

    /// <summary>Most components or incidents kept per list.</summary>
    private const int MaxItems = 200;

    public static bool TryParse(ReadOnlySpan<byte> body, out StatuspageSummary? summary, out string? problem)
    {
        summary = null;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            problem = $"the body is not JSON ({ex.Message.Split('.')[0]})";
            return false;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"the JSON is {Article(root.ValueKind)}, not an object with 'page' and 'status'";
                return false;
            }
            if (!root.TryGetProperty("page", out var page) || page.ValueKind != JsonValueKind.Object)
            {
                problem = "the JSON has no 'page' object";
                return false;
            }
            if (!root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object
                || !status.TryGetProperty("indicator", out var indicator) || indicator.ValueKind != JsonValueKind.String)
            {
                problem = "the JSON has no 'status.indicator' string";
                return false;
            }

            summary = new StatuspageSummary(
                Text(page, "name"),
                Indicator(indicator.GetString()),
                Text(status, "description"),
                Components(root),
                Incidents(root, "incidents", i => i is not (IncidentStatus.Resolved or IncidentStatus.Postmortem or IncidentStatus.Completed)),
                Incidents(root, "scheduled_maintenances", i => i is IncidentStatus.InProgress or IncidentStatus.Verifying),
                Time(page, "updated_at"));
            problem = null;
            return true;
        }
    }

    private static List<StatusComponent> Components(JsonElement root)
    {
        var result = new List<StatusComponent>();
        if (!root.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array) return result;
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in components.EnumerateArray())
        {
            if (c.ValueKind == JsonValueKind.Object && IsTrue(c, "group") && Text(c, "id") is { } id && Text(c, "name") is { } name) groups[id] = name;
        }
        foreach (var c in components.EnumerateArray())
        {
            // A group's status only repeats its members' worst; listing it too would count one problem twice.
            if (c.ValueKind != JsonValueKind.Object || IsTrue(c, "group")) continue;
            var status = Component(Text(c, "status"));
            if (status == ComponentStatus.Operational) continue;
            var group = Text(c, "group_id") is { } gid && groups.TryGetValue(gid, out var g) ? g : null;
            result.Add(new StatusComponent(Text(c, "name") ?? "(unnamed)", status, group));
            if (result.Count == MaxItems) break;
        }
        return result;
    }

    private static List<StatusIncident> Incidents(JsonElement root, string property, Func<IncidentStatus, bool> keep)
    {
        var result = new List<StatusIncident>();
        if (!root.TryGetProperty(property, out var incidents) || incidents.ValueKind != JsonValueKind.Array) return result;
        foreach (var i in incidents.EnumerateArray())
        {
            if (i.ValueKind != JsonValueKind.Object) continue;
            var status = Incident(Text(i, "status"));
            if (!keep(status)) continue;
            result.Add(new StatusIncident(
                Text(i, "name") ?? "(untitled)",
                status,
                Indicator(Text(i, "impact")),
                Time(i, "started_at") ?? Time(i, "scheduled_for") ?? Time(i, "created_at"),
                Time(i, "updated_at"),
                Text(i, "shortlink")));
            if (result.Count == MaxItems) break;
        }
        return result;
    }

    internal static StatusIndicator Indicator(string? value) => value switch
    {
        "none" => StatusIndicator.None,
        "minor" => StatusIndicator.Minor,
        "major" => StatusIndicator.Major,
        "critical" => StatusIndicator.Critical,
        "maintenance" => StatusIndicator.Maintenance,
        _ => StatusIndicator.Unknown,
    };

    internal static ComponentStatus Component(string? value) => value switch
    {
        "operational" => ComponentStatus.Operational,
        "degraded_performance" => ComponentStatus.DegradedPerformance,
        "partial_outage" => ComponentStatus.PartialOutage,
        "major_outage" => ComponentStatus.MajorOutage,
        "under_maintenance" => ComponentStatus.UnderMaintenance,
        _ => ComponentStatus.Unknown,
    };

    internal static IncidentStatus Incident(string? value) => value switch
    {
        "investigating" => IncidentStatus.Investigating,
        "identified" => IncidentStatus.Identified,
        "monitoring" => IncidentStatus.Monitoring,
        "resolved" => IncidentStatus.Resolved,
        "postmortem" => IncidentStatus.Postmortem,
        "scheduled" => IncidentStatus.Scheduled,
        "in_progress" => IncidentStatus.InProgress,
        "verifying" => IncidentStatus.Verifying,
        "completed" => IncidentStatus.Completed,
        _ => IncidentStatus.Unknown,
    };

    private static bool IsTrue(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string? Text(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String) return null;
        var s = v.GetString()!.Trim();
        return s.Length == 0 ? null : s.Length > MaxTextChars ? s[..MaxTextChars] + "…" : s;
    }

    private static DateTimeOffset? Time(JsonElement obj, string name) =>
        Text(obj, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
