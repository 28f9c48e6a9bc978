using System.Management.Automation;
using ConnDiag.Bridging;
using ConnDiag.Claude.Status;
using ConnDiag.Completion;

namespace ConnDiag.Commands;

/// <summary>Get-ProviderStatus: what a provider's Atlassian Statuspage says right now (built-in provider or any page URL).</summary>
[Cmdlet(VerbsCommon.Get, "ProviderStatus", DefaultParameterSetName = ProviderSet)]
[OutputType(typeof(ProviderStatusReport), ParameterSetName = [ProviderSet, UrlSet])]
public sealed class GetProviderStatusCommand : PSCmdlet, IDisposable
{
    private const string ProviderSet = "Provider";
    private const string UrlSet = "Url";
    private readonly CancellationTokenSource _cts = new();
    private StatusPageClient? _client;

    /// <summary>A built-in provider (case-insensitive); Anthropic by default.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ParameterSetName = ProviderSet)]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Provider { get; set; } = StatusProviders.Anthropic;

    /// <summary>Any Statuspage site: its base URL, or the summary.json URL itself.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UrlSet)]
    [ValidateNotNullOrEmpty]
    public string? StatusPageUrl { get; set; }

    /// <summary>Limit in seconds for the whole request.</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    protected override void BeginProcessing() => _client = new StatusPageClient();

    protected override void ProcessRecord()
    {
        StatusPageTarget target;
        try
        {
            target = ParameterSetName == UrlSet ? StatusPageTarget.FromUrl(StatusPageUrl!) : StatusPageTarget.ForProvider(Provider);
        }
        catch (ArgumentException ex)
        {
            var (id, value) = ParameterSetName == UrlSet ? ("InvalidStatusPageUrl", (object)Secrets.SecretMasker.MaskUrlCredentials(StatusPageUrl)) : ("UnknownProvider", Provider);
            WriteError(FindingErrors.InvalidArgument(id, ex.Message, value));
            return;
        }

        WriteVerbose($"Reading {target.SummaryUrl}");
        ProviderStatusReport report;
        try
        {
            // Pages read in this session in the last minute are reused (report.FromCache says so).
            var options = new StatusPageOptions { Timeout = TimeSpan.FromSeconds(TimeoutSeconds), Cache = StatusPageCache.Shared };
            report = _client!.GetAsync(target, options, _cts.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
        WriteObject(report);
        if (FindingErrors.Primary(report.Findings) is { } failure)
        {
            WriteError(FindingErrors.ToErrorRecord(failure, report));
        }
    }

    protected override void StopProcessing() => _cts.Cancel();

    public void Dispose() => _cts.Dispose();
}
