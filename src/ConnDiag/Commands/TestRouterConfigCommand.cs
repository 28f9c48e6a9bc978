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

    /// <summary>
    /// Also probe the running router at HOST:PORT (TCP, /health, the / fingerprint, APIKEY) and each provider's
    /// api_base_url the way the router reaches it (DNS, TCP, PROXY_URL, TLS).
    /// </summary>
    [Parameter]
    public SwitchParameter Probe { get; set; }

    /// <summary>With -Probe, leave out the providers' reachability (no traffic leaves this machine but to HOST:PORT).</summary>
    [Parameter]
    public SwitchParameter SkipProviderCheck { get; set; }

    protected override void ProcessRecord()
    {
        if (SkipProviderCheck && !Probe)
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("RouterConfigSkipWithoutProbe", "-SkipProviderCheck applies only with -Probe.", SkipProviderCheck));
        }
        var path = Path is null ? RouterConfigOptions.DefaultPath : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        RouterConfigReport report;
        try
        {
            report = new RouterConfigValidator(new RouterConfigOptions { Probe = Probe, ProbeProviders = !SkipProviderCheck }).ValidateAsync(path, _cts.Token).GetAwaiter().GetResult();
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
        var providerFindings = (report.ProviderChecks ?? []).SelectMany(c => c.Findings);
        foreach (var finding in report.Findings.Concat(report.Probe?.Findings ?? []).Concat(providerFindings))
        {
            if (finding.Severity == Severity.Error) WriteError(FindingErrors.ToErrorRecord(finding, report.Path));
            else if (finding.Severity == Severity.Warning) WriteWarning($"{finding.Code}: {finding.Summary}");
        }
    }

    protected override void StopProcessing() => _cts.Cancel();

    public void Dispose() => _cts.Dispose();
}
