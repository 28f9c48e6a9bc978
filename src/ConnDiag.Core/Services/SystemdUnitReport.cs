using ConnDiag.Model;
using ConnDiag.Ports;
using ConnDiag.Services.Exec;
using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Services;

/// <summary>
/// Test-SystemdUnit's result: the generic report (stages unit-file, exec, ordering, settings, runtime, listen, with
/// their findings) plus the unit it is about. <see cref="DiagnosticReport.Target"/> is the unit name (or
/// <c>localhost</c> when a port led to no unit) and the port given or configured (0 when neither is known).
/// </summary>
public sealed record SystemdUnitReport : DiagnosticReport
{
    public SystemdUnitReport(DiagnosticReport report) : base(report)
    {
    }

    /// <summary>The unit name (<c>ccr.service</c>), or null when a port led to none.</summary>
    public string? Unit { get; init; }

    /// <summary>The unit file read, or null when none was found.</summary>
    public string? UnitFile { get; init; }

    /// <summary>Drop-in files applied over it, in order.</summary>
    public IReadOnlyList<string> DropIns { get; init; } = [];

    /// <summary>True when no finding has severity Error.</summary>
    public bool IsHealthy => !OutcomeRules.HasError(Findings);
}

/// <summary>How a port led to a unit: the listener, its process's cgroup, and the service named there.</summary>
/// <param name="Port">The port given.</param>
/// <param name="Owner">The TCP listener on it (the first with a visible process), or null when nothing listens.</param>
/// <param name="Cgroup">The owner's /proc/PID/cgroup text, or null.</param>
/// <param name="Unit">The service unit named in the cgroup, or null.</param>
public sealed record UnitLookup(int Port, PortOwner? Owner, string? Cgroup, string? Unit);

/// <summary>The unit-file stage's evidence: the files read and every setting (environment values masked where secret).</summary>
/// <param name="UnitFile">The unit file, or null when none was found.</param>
/// <param name="DropIns">Drop-ins applied, in order.</param>
/// <param name="Settings">Every assignment in the order systemd reads them, with file and line.</param>
/// <param name="Environment">The service's Environment=/EnvironmentFile= variables, secret values masked.</param>
/// <param name="EnvironmentFiles">Each EnvironmentFile= and whether it could be read.</param>
/// <param name="Lookup">How the unit was found from a port (-Port/--port), else null.</param>
public sealed record UnitFileEvidence(
    string? UnitFile,
    IReadOnlyList<string> DropIns,
    IReadOnlyList<UnitSetting> Settings,
    IReadOnlyList<EnvironmentVariable> Environment,
    IReadOnlyList<EnvironmentFileEntry> EnvironmentFiles,
    UnitLookup? Lookup);
