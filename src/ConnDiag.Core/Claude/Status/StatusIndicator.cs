namespace ConnDiag.Claude.Status;

/// <summary>
/// A Statuspage page's overall verdict (<c>status.indicator</c>), also used for an incident's impact, which
/// takes the same values. <see cref="Unknown"/>: the page could not be read or said something else.
/// </summary>
public enum StatusIndicator { None, Minor, Major, Critical, Maintenance, Unknown }

/// <summary>A component's status as Statuspage names it (<c>degraded_performance</c> is <see cref="DegradedPerformance"/>).</summary>
public enum ComponentStatus { Operational, DegradedPerformance, PartialOutage, MajorOutage, UnderMaintenance, Unknown }

/// <summary>
/// Where an incident (investigating … postmortem) or a maintenance (scheduled … completed) stands.
/// </summary>
public enum IncidentStatus { Investigating, Identified, Monitoring, Resolved, Postmortem, Scheduled, InProgress, Verifying, Completed, Unknown }
