using System.Diagnostics;
using System.Globalization;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Ports;
using ConnDiag.Services.Checks;
using ConnDiag.Services.Exec;
using ConnDiag.Services.Lookup;
using ConnDiag.Services.Runtime;
using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Services;

/// <summary>
/// Checks the systemd service behind a name, a unit file or a port: the unit files (syntax, drop-ins, environment),
/// the Exec programs, network-online ordering, Restart=/LimitNOFILE=/User=, the runtime state (where systemd runs)
/// and the configured listen address against what listens. Works from the files alone when systemd is not PID 1.
/// Read-only. Linux only.
/// </summary>
public sealed class SystemdUnitDiagnoser
{
    public const string UnitFileStage = "unit-file";
    public const string ExecStage = "exec";
    public const string OrderingStage = "ordering";
    public const string SettingsStage = "settings";
    public const string RuntimeStage = "runtime";
    public const string ListenStage = "listen";

    private static readonly (string Name, Layer Layer)[] Stages =
    [
        (UnitFileStage, Layer.Config), (ExecStage, Layer.Config), (OrderingStage, Layer.Config),
        (SettingsStage, Layer.Config), (RuntimeStage, Layer.Local), (ListenStage, Layer.Local),
    ];

    private readonly SystemdUnitOptions _options;

    public SystemdUnitDiagnoser(SystemdUnitOptions? options = null)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException($"Test-SystemdUnit checks systemd units, which exist on Linux only; this is {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.");
        }
        _options = options ?? new SystemdUnitOptions();
    }

    /// <summary>The unit <paramref name="name"/> (<c>.service</c> added when missing) from the unit search path.</summary>
    public Task<SystemdUnitReport> TestNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.GetTimestamp();
        var searchPath = new UnitSearchPath(_options.Root);
        var unitName = UnitLoader.NormalizeName(name);
        var unit = UnitLoader.LoadByName(searchPath, unitName);
        if (unit is null)
        {
            var f = FindingCatalog.Create(FindingCodes.ServiceUnitNotFound,
                $"No unit file {unitName} in the unit search path.",
                "Searched: " + string.Join(", ", searchPath.Directories) + ".");
            return Task.FromResult(NotFound(unitName, null, started, clock, f, null));
        }
        return RunAsync(unit, null, started, clock, cancellationToken);
    }

    /// <summary>A unit file given by path (its drop-ins in <c>PATH.d/</c>). Throws <see cref="UnitInputException"/> when it cannot be read.</summary>
    public Task<SystemdUnitReport> TestPathAsync(string path, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.GetTimestamp();
        return RunAsync(UnitLoader.LoadFromPath(path), null, started, clock, cancellationToken);
    }

    /// <summary>The service whose process listens on TCP <paramref name="port"/>: its PID's cgroup names the unit.</summary>
    public async Task<SystemdUnitReport> TestPortAsync(int port, CancellationToken cancellationToken = default)
    {
        if (!Target.IsValidPort(port)) throw new ArgumentOutOfRangeException(nameof(port), port, $"port {port} is out of range: use 1-65535");
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.GetTimestamp();
        var owners = await PortOwnerFinder.FindAsync(new PortOwnerQuery([port], TransportProtocol.Tcp, PortStateFilter.Listen), cancellationToken).ConfigureAwait(false);
        var owner = owners.FirstOrDefault(o => o.Id is not null) ?? owners.FirstOrDefault();
        if (owner is null)
        {
            var f = PortOwnerFindings.MissingPorts(new PortOwnerQuery([port], TransportProtocol.Tcp, PortStateFilter.Listen), owners)[0].Finding;
            return NotFound(null, port, started, clock, f, new UnitLookup(port, null, null, null));
        }
        if (owner.Id is not { } pid)
        {
            var hidden = PortOwnerFindings.HiddenOwners(owners)!;
            return NotFound(null, port, started, clock, hidden, new UnitLookup(port, owner, null, null));
        }
        var cgroup = CgroupUnit.ReadCgroup(pid);
        var unitName = cgroup is null ? null : CgroupUnit.ServiceOf(cgroup);
        var where = string.Create(CultureInfo.InvariantCulture, $"PID {pid} ({owner.ProcessName ?? "?"}) listening on {Target.Format(owner.LocalAddress.ToString(), owner.LocalPort)}");
        if (unitName is null)
        {
            var f = FindingCatalog.Create(FindingCodes.ServiceUnitNotFound,
                $"{where} is not in a systemd service's cgroup, so no unit runs it.",
                $"/proc/{pid}/cgroup: {OneLine(cgroup ?? "(unreadable)")}");
            return NotFound(null, port, started, clock, f, new UnitLookup(port, owner, cgroup, null));
        }
        var lookup = new UnitLookup(port, owner, cgroup, unitName);
        var searchPath = new UnitSearchPath(_options.Root);
        var unit = UnitLoader.LoadByName(searchPath, unitName);
        if (unit is null)
        {
            var f = FindingCatalog.Create(FindingCodes.ServiceUnitNotFound,
                $"{where} runs in {unitName}, but no unit file {unitName} is in the unit search path (a transient unit from systemd-run has none).",
                $"/proc/{pid}/cgroup: {OneLine(cgroup!)}; searched: {string.Join(", ", searchPath.Directories)}.");
            return NotFound(unitName, port, started, clock, f, lookup);
        }
        return await RunAsync(unit, lookup, started, clock, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SystemdUnitReport> RunAsync(SystemdUnit unit, UnitLookup? lookup, DateTimeOffset started, long clock, CancellationToken cancellationToken)
    {
        var stages = new List<StageResult>();
        var t = Stopwatch.GetTimestamp();
        if (unit.Masked)
        {
            var masked = FindingCatalog.Create(FindingCodes.ServiceUnitInvalid,
                $"{unit.Name} is masked: {unit.Path} is a symlink to /dev/null, so systemd will not start it.",
                $"{unit.Path} -> /dev/null", $"Unmask it with systemctl unmask {unit.Name}, then start it.");
            stages.Add(Stage(UnitFileStage, Layer.Config, t, $"{unit.Name} is masked", [masked], null));
            return Report(unit.Name, unit, lookup?.Port, started, clock, SkipRest(stages, "the unit is masked"));
        }

        var environment = UnitEnvironment.Read(unit, _options.OnRoot);
        var c = new UnitCheckContext(unit, environment, _options);
        stages.Add(UnitFileResult(c, lookup, t));

        t = Stopwatch.GetTimestamp();
        var (commands, lines, execFindings) = ExecCheck.Run(c);
        stages.Add(Stage(ExecStage, Layer.Config, t, ExecSummary(lines, execFindings), execFindings, lines));

        t = Stopwatch.GetTimestamp();
        var ordering = OrderingCheck.Run(c);
        stages.Add(Stage(OrderingStage, Layer.Config, t, ordering.Count == 0 ? OrderingCheck.Evidence(c) : ordering[0].Summary, ordering, null));

        var main = commands.LastOrDefault(x => x.Directive == "ExecStart");
        var listen = ListenConfigReader.Read(main, environment);
        t = Stopwatch.GetTimestamp();
        var settings = SettingsCheck.Run(c, networkService: listen is not null || lookup is not null);
        stages.Add(Stage(SettingsStage, Layer.Config, t,
            settings.Count == 0 ? "Restart=, LimitNOFILE= and User= are fine" : settings[0].Summary, settings, null));

        t = Stopwatch.GetTimestamp();
        var (runtimeStage, mainPid) = await RuntimeAsync(unit.Name, t, cancellationToken).ConfigureAwait(false);
        stages.Add(runtimeStage);

        t = Stopwatch.GetTimestamp();
        var pids = UnitProcesses.Find(unit.Name).ToList();
        if (mainPid is { } mp && !pids.Contains(mp)) pids.Add(mp);
        if (lookup?.Owner?.Id is { } ownerPid && !pids.Contains(ownerPid)) pids.Add(ownerPid);
        var listeners = await PortOwnerFinder.FindAsync(new PortOwnerQuery([], TransportProtocol.Tcp, PortStateFilter.Listen), cancellationToken).ConfigureAwait(false);
        var (evidence, listenFindings, listenSummary) = ListenCheck.Run(unit.Name, listen, pids, listeners);
        stages.Add(listen is null && lookup is null
            ? new StageResult(ListenStage, Layer.Local, Outcome.Skipped, StageClock.Since(t), listenSummary, [], evidence)
            : Stage(ListenStage, Layer.Local, t, listenSummary, listenFindings, evidence));

        return Report(unit.Name, unit, lookup?.Port ?? listen?.Port, started, clock, stages);
    }

    private StageResult UnitFileResult(UnitCheckContext c, UnitLookup? lookup, long t)
    {
        var unit = c.Unit;
        var findings = unit.Problems.Concat(c.Environment.Problems).Take(50)
            .Select(p => FindingCatalog.Create(FindingCodes.ServiceUnitSyntax, $"{p.File}:{p.Line}: {c.Mask(p.Message)}.", $"Read {p.File} as systemd.syntax(7) describes."))
            .ToList();
        foreach (var file in c.Environment.Files.Where(f => !f.Exists && !f.Optional))
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ServiceEnvFileMissing,
                $"{file.Source}: EnvironmentFile={file.Path} is required (no '-' prefix) but {file.Error}: systemd will not start {unit.Name}.",
                $"EnvironmentFile={file.Path} at {file.Source}"));
        }
        var optionalMissing = c.Environment.Files.Where(f => !f.Exists && f.Optional).Select(f => f.Path).ToList();
        var evidence = new UnitFileEvidence(unit.Path, unit.DropIns,
            unit.Settings.Select(s => s with { Value = c.Mask(s.Value) }).ToList(),
            c.Environment.Variables.Values.Select(v => v with { Value = UnitEnvironment.LooksSecret(v.Name) ? Secrets.SecretMasker.Mask(v.Value) : c.Mask(v.Value) }).ToList(),
            c.Environment.Files, lookup);
        var summary = $"{unit.Path}" + (unit.DropIns.Count > 0 ? $" with {unit.DropIns.Count} drop-in(s)" : "")
            + string.Create(CultureInfo.InvariantCulture, $": {unit.Settings.Count} settings, {c.Environment.Variables.Count} environment variables")
            + (optionalMissing.Count > 0 ? $"; optional EnvironmentFile= missing (ignored): {string.Join(", ", optionalMissing)}" : "");
        return Stage(UnitFileStage, Layer.Config, t, findings.Count > 0 ? findings[0].Summary : summary, findings, evidence);
    }

    private static async Task<(StageResult Stage, int? MainPid)> RuntimeAsync(string unitName, long t, CancellationToken cancellationToken)
    {
        var init = SystemdRuntime.InitName();
        if (init != "systemd")
        {
            var f = RuntimeCheck.Unchecked($"systemd is not running (PID 1 is {init})");
            return (new StageResult(RuntimeStage, Layer.Local, Outcome.Skipped, StageClock.Since(t), f.Summary, [f]), null);
        }
        SystemctlState state;
        try
        {
            state = await SystemdRuntime.ShowAsync(unitName, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            var f = RuntimeCheck.Unchecked(ex.Message.TrimEnd('.'));
            return (new StageResult(RuntimeStage, Layer.Local, Outcome.Skipped, StageClock.Since(t), f.Summary, [f]), null);
        }
        var (findings, summary) = RuntimeCheck.Evaluate(unitName, state);
        return (Stage(RuntimeStage, Layer.Local, t, summary, findings, state), state.MainPid);
    }

    private static string ExecSummary(IReadOnlyList<ExecLine> lines, IReadOnlyList<Finding> findings)
    {
        if (findings.Count > 0) return findings[0].Summary;
        var skipped = lines.Where(l => l.Problem is not null).Select(l => $"{l.Directive}=-{l.Program} {l.Problem} (skipped: '-' prefix)").ToList();
        var main = lines.LastOrDefault(l => l.Directive == "ExecStart");
        return (main is null ? "no ExecStart=" : $"ExecStart runs {main.ResolvedPath ?? main.Program}")
            + (skipped.Count > 0 ? "; " + string.Join("; ", skipped) : "");
    }

    private static StageResult Stage(string name, Layer layer, long t, string summary, IReadOnlyList<Finding> findings, object? evidence) =>
        new(name, layer, OutcomeRules.FromFindings(findings), StageClock.Since(t), summary, findings, evidence);

    private static List<StageResult> SkipRest(List<StageResult> stages, string reason)
    {
        foreach (var (name, layer) in Stages.Skip(stages.Count)) stages.Add(StageResult.Skipped(name, layer, reason));
        return stages;
    }

    private static SystemdUnitReport NotFound(string? unitName, int? port, DateTimeOffset started, long clock, Finding finding, UnitLookup? lookup)
    {
        var evidence = new UnitFileEvidence(null, [], [], [], [], lookup);
        var stages = new List<StageResult> { new(UnitFileStage, Layer.Config, OutcomeRules.FromFindings([finding]), 0, finding.Summary, [finding], evidence) };
        return Report(unitName, null, port, started, clock, SkipRest(stages, "no unit file was found"));
    }

    private static SystemdUnitReport Report(string? unitName, SystemdUnit? unit, int? port, DateTimeOffset started, long clock, List<StageResult> stages) =>
        new(new DiagnosticReport(new Target(unitName ?? "localhost", port ?? 0), started, StageClock.Since(clock), stages))
        {
            Unit = unitName,
            UnitFile = unit?.Path,
            DropIns = unit?.DropIns ?? [],
        };

    private static string OneLine(string text) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
