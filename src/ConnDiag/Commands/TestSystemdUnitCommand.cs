using System.Management.Automation;
using ConnDiag.Bridging;
using ConnDiag.Model;
using ConnDiag.Services;
using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Commands;

/// <summary>
/// Test-SystemdUnit (Linux): checks the systemd service behind a unit name, a unit file or a port, from its files
/// (and systemctl where systemd runs). One SystemdUnitReport per input; Error findings also become non-terminating
/// errors named by their code.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SystemdUnit", DefaultParameterSetName = NameSet)]
[OutputType(typeof(SystemdUnitReport), typeof(bool))]
public sealed class TestSystemdUnitCommand : PSCmdlet, IDisposable
{
    private const string NameSet = "Name";
    private const string PathSet = "Path";
    private const string PortSet = "Port";
    private readonly CancellationTokenSource _cts = new();

    /// <summary>The unit name (<c>ccr</c> or <c>ccr.service</c>), looked up in the unit search path.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet,
        HelpMessage = "The unit name, e.g. ccr or ccr.service.")]
    [Alias("Unit")]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>A unit file to check directly (its drop-ins in PATH.d/ beside it).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet, HelpMessage = "A unit file to check.")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>A TCP port: the unit is the service whose process listens on it (found through /proc/PID/cgroup).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PortSet,
        HelpMessage = "A local TCP port; the service listening on it is checked.")]
    [Alias("LocalPort")]
    [ValidateRange(1, 65535)]
    public int Port { get; set; }

    /// <summary>The file system the unit lives in (default /): a mounted image or a copied tree; units, programs, EnvironmentFile= and /etc/passwd are read under it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Root { get; set; }

    /// <summary>Return only $true (no Error finding) or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void BeginProcessing()
    {
        if (!OperatingSystem.IsLinux())
        {
            ThrowTerminatingError(new ErrorRecord(
                new PlatformNotSupportedException($"Test-SystemdUnit checks systemd units, which exist on Linux only; this is {System.Runtime.InteropServices.RuntimeInformation.OSDescription}."),
                "UnsupportedPlatform", ErrorCategory.NotImplemented, null));
        }
    }

    protected override void ProcessRecord()
    {
        var options = new SystemdUnitOptions { Root = Root is null ? "/" : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Root) };
        var diagnoser = new SystemdUnitDiagnoser(options);
        SystemdUnitReport report;
        object target = ParameterSetName switch { PathSet => Path!, PortSet => Port, _ => Name! };
        try
        {
            report = (ParameterSetName switch
            {
                PathSet => diagnoser.TestPathAsync(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path), _cts.Token),
                PortSet => diagnoser.TestPortAsync(Port, _cts.Token),
                _ => diagnoser.TestNameAsync(Name!, _cts.Token),
            }).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        catch (UnitInputException ex)
        {
            WriteError(FindingErrors.InvalidArgument("SystemdUnit" + ex.Problem, ex.Message, target));
            return;
        }

        if (Quiet)
        {
            WriteObject(report.IsHealthy);
            return;
        }
        WriteObject(report);
        foreach (var finding in report.Findings)
        {
            if (finding.Severity == Severity.Error) WriteError(FindingErrors.ToErrorRecord(finding, report));
            else if (finding.Severity == Severity.Warning) WriteWarning($"{finding.Code}: {finding.Summary}");
        }
    }

    protected override void StopProcessing() => _cts.Cancel();

    public void Dispose() => _cts.Dispose();
}
