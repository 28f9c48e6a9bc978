namespace ConnDiag.Claude.Status;

/// <summary>The parts of a Statuspage v2 summary.json the report uses.</summary>
internal sealed record StatuspageSummary(
    string? PageName,
    StatusIndicator Indicator,
    string? Description,
    IReadOnlyList<StatusComponent> NonOperationalComponents,
    IReadOnlyList<StatusIncident> UnresolvedIncidents,
    IReadOnlyList<StatusIncident> ActiveMaintenances,
    DateTimeOffset? UpdatedAt);
