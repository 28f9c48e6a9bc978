namespace ConnDiag.Claude.Status;

/// <summary>An unresolved incident, or a maintenance in progress, as the status page announces it.</summary>
/// <param name="Name">The incident's title.</param>
/// <param name="Status">Where it stands (investigating, identified, monitoring; in progress, verifying for a maintenance).</param>
/// <param name="Impact">The impact the provider gives it (none, minor, major, critical, maintenance).</param>
/// <param name="StartedAt">When it started (a maintenance: when it was scheduled to start), or null.</param>
/// <param name="UpdatedAt">The provider's last update, or null.</param>
/// <param name="Shortlink">The incident's public link, or null.</param>
public sealed record StatusIncident(
    string Name,
    IncidentStatus Status,
    StatusIndicator Impact,
    DateTimeOffset? StartedAt,
    DateTimeOffset? UpdatedAt,
    string? Shortlink)
{
    public override string ToString() => $"{Name} ({Status}, impact {Impact})";
}
