using System.Management.Automation;
using ConnDiag.Bridging;
using ConnDiag.Claude.Router;
using ConnDiag.Model;

namespace ConnDiag.Commands;

/// <summary>
/// Test-RouterConfig: validates a claude-code-router config (v1/v2 config.json; v3 detected) without
/// changing it. One RouterConfigReport per file; Error findings also become non-terminating errors.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "RouterConfig", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(RouterConfigReport), ParameterSetName = [DefaultSet])]
[OutputType(typeof(bool), ParameterSetName = [QuietSet])]
public sealed class TestRouterConfigCommand : PSCmdlet, IDisposable
{
    private const string DefaultSet = "Default";
    private const string QuietSet = "Quiet";
    private readonly CancellationTokenSource _cts = new();

    /// <summary>The config file; default ~/.claude-code-router/config.json. Files from Get-ChildItem bind by FullName.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Return only $true (no Error finding) or $false per file.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Also probe the running router at HOST:PORT: TCP, /health, the / fingerprint (v2, v3 or something else) and APIKEY.</summary>
    [Parameter]
    public SwitchParameter Probe { get; set; }

    protected override void ProcessRecord()
    {
        var path = Path is null ? RouterConfigOptions.DefaultPath : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        RouterConfigReport report;
        try
        {
            report = new RouterConfigValidator(new RouterConfigOptions { Probe = Probe }).ValidateAsync(path, _cts.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        catch (RouterConfigInputException ex)
        {
            WriteError(FindingErrors.InvalidArgument("RouterConfig" + ex.Problem, ex.Message, Path ?? path));
            return;
        }

        if (Quiet)
        {
            WriteObject(report.IsValid);
            return;
        }
        WriteObject(report);
        foreach (var finding in report.Findings.Concat(report.Probe?.Findings ?? []))
        {
            if (finding.Severity == Severity.Error) WriteError(FindingErrors.ToErrorRecord(finding, report.Path));
            else if (finding.Severity == Severity.Warning) WriteWarning($"{finding.Code}: {finding.Summary}");
        }
    }

    protected override void StopProcessing() => _cts.Cancel();

    public void Dispose() => _cts.Dispose();
}
