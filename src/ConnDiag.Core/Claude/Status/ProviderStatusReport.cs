using ConnDiag.Model;

namespace ConnDiag.Claude.Status;

/// <summary>
/// What a provider's Statuspage page says right now. A page that could not be read is a report too:
/// <see cref="Indicator"/> is <see cref="StatusIndicator.Unknown"/> and <see cref="Findings"/> says why.
/// </summary>
/// <param name="Provider">The built-in provider's name, or the page's host for a page given by URL.</param>
/// <param name="PageUrl">The status page's base URL (the summary is read from <c>{PageUrl}/api/v2/summary.json</c>).</param>
/// <param name="PageName">The page's own name (<c>page.name</c>), or null when the page was not read.</param>
/// <param name="Indicator">The page's overall verdict.</param>
/// <param name="Description">The page's words for it (<c>All Systems Operational</c>), or null.</param>
/// <param name="NonOperationalComponents">Components whose status is not operational, in page order (groups left out).</param>
/// <param name="UnresolvedIncidents">Incidents not yet resolved.</param>
/// <param name="ActiveMaintenances">Scheduled maintenances in progress or being verified.</param>
/// <param name="UpdatedAt">When the page was last updated (<c>page.updated_at</c>), or null.</param>
/// <param name="FetchMs">Wall time of the request, redirects included.</param>
/// <param name="Findings">API.STATUS_* for what the page says, or why it could not be read (DNS, TCP, TLS, HTTP, unsupported page).</param>
public sealed record ProviderStatusReport(
    string Provider,
    string PageUrl,
    string? PageName,
    StatusIndicator Indicator,
    string? Description,
    IReadOnlyList<StatusComponent> NonOperationalComponents,
    IReadOnlyList<StatusIncident> UnresolvedIncidents,
    IReadOnlyList<StatusIncident> ActiveMaintenances,
    DateTimeOffset? UpdatedAt,
    double FetchMs,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>
    /// True when the page was read and reports no incident: indicator <c>none</c>, or <c>maintenance</c> (an
    /// announced maintenance is not an outage). False for minor, major and critical, and for an unreadable page.
    /// </summary>
    public bool IsOperational => Indicator is StatusIndicator.None or StatusIndicator.Maintenance;

    /// <summary>When this answer was fetched from the page; older than the check itself when it came from the one-minute cache.</summary>
    public DateTimeOffset FetchedAt { get; init; }

    /// <summary>True when the answer was reused from a read less than a minute ago instead of asking the page again.</summary>
    public bool FromCache { get; init; }

    public override string ToString() => $"{Provider}: {Indicator} ({Description ?? "not read"})";
}
