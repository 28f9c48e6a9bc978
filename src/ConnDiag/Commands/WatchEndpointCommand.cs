using System.Management.Automation;
using ConnDiag.Bridging;
using ConnDiag.Diagnosis;
using ConnDiag.Monitoring;

namespace ConnDiag.Commands;

/// <summary>Watch-Endpoint: probe an endpoint on a fixed schedule; one EndpointSample per probe with rolling p50/p95, error rate and state.</summary>
[Cmdlet(VerbsCommon.Watch, "Endpoint")]
[OutputType(typeof(EndpointSample))]
public sealed class WatchEndpointCommand : PSCmdlet, IDisposable
{
    private WatchOptions? _options;
    private AsyncBridge<EndpointTarget, EndpointSample>? _bridge;

    /// <summary>A URL, a bare host (https on 443), or host:port, as Test-Endpoint takes it.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url", "TargetName", "ComputerName")]
    [ValidateNotNullOrEmpty]
    public string? Uri { get; set; }

    /// <summary>Seconds between probe starts (fixed rate; a probe longer than this makes the next start at once).</summary>
    [Parameter]
    [ValidateRange(0.1, 86400.0)]
    public double IntervalSeconds { get; set; } = 5;

    /// <summary>Number of probes; without it the watch runs until Ctrl+C.</summary>
    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long? Count { get; set; }

    /// <summary>Rolling p95 latency in ms at or over which the state is Warning.</summary>
    [Parameter]
    public double WarnMs { get; set; } = WatchOptions.Default.WarnMs;

    /// <summary>Rolling p95 latency in ms at or over which the state is Critical.</summary>
    [Parameter]
    public double CriticalMs { get; set; } = WatchOptions.Default.CriticalMs;

    /// <summary>Error rate in percent of the window at or over which the state is Warning.</summary>
    [Parameter]
    public double ErrorRateWarnPercent { get; set; } = WatchOptions.Default.ErrorRateWarnPercent;

    /// <summary>Error rate in percent of the window at or over which the state is Critical.</summary>
    [Parameter]
    public double ErrorRateCriticalPercent { get; set; } = WatchOptions.Default.ErrorRateCriticalPercent;

    /// <summary>Probes the rolling statistics cover.</summary>
    [Parameter]
    [ValidateRange(1, WatchOptions.MaxWindowSize)]
    public int WindowSize { get; set; } = WatchOptions.Default.WindowSize;

    /// <summary>Stages to run (config, dns, tcp, proxy, tls, http); stages they depend on run too. Default: all.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Stage { get; set; }

    /// <summary>Limit in seconds for each stage and for the whole probe (default: 5 s per network step, 10 s for HTTP, 10 s per probe).</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(1, 300)]
    public int? TimeoutSeconds { get; set; }

    /// <summary>Proxy URL; an empty string means no proxy even when the environment names one.</summary>
    [Parameter]
    public string? Proxy { get; set; }

    /// <summary>NO_PROXY-style list of hosts, suffixes, addresses and CIDR ranges to reach directly.</summary>
    [Parameter]
    public string? NoProxy { get; set; }

    /// <summary>PEM or DER file (or directory) of CA certificates to trust in addition to the system store.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CaBundle { get; set; }

    /// <summary>Do not validate certificates (each probe's report says validation was off).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Connect to this address (ADDRESS or ADDRESS:PORT) instead of resolving the name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConnectTo { get; set; }

    protected override void BeginProcessing()
    {
        var settings = new WatchSettings
        {
            IntervalSeconds = IntervalSeconds,
            Count = Count,
            WindowSize = WindowSize,
            WarnMs = WarnMs,
            CriticalMs = CriticalMs,
            ErrorRateWarnPercent = ErrorRateWarnPercent,
            ErrorRateCriticalPercent = ErrorRateCriticalPercent,
            Stages = Stage ?? [],
            TimeoutSeconds = TimeoutSeconds,
            Connection = new EndpointSettings
            {
                Proxy = Proxy,
                NoProxy = NoProxy,
                CaBundle = CaBundle is null ? null : GetUnresolvedProviderPathFromPSPath(CaBundle),
                SkipCertificateCheck = SkipCertificateCheck,
                ConnectTo = ConnectTo,
            },
        };
        // WatchSettings checks every value for this cmdlet and `conndiag watch` alike, before the first probe.
        if (!settings.TryBuild(out _options, out var error))
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("InvalidParameter", error!, null));
        }
    }

    protected override void ProcessRecord()
    {
        if (!EndpointTarget.TryParse(Uri, out var target, out var error))
        {
            WriteError(FindingErrors.InvalidArgument("InvalidTarget", error!, Uri));
            return;
        }
        var options = _options!;
        var watcher = new EndpointWatcher();
        _bridge?.Dispose();
        _bridge = new AsyncBridge<EndpointTarget, EndpointSample>((_, ct) => watcher.WatchAsync(target!, options, ct));
        // Finish waits for each sample and yields it as it arrives: the pipeline sees every probe, not a list at the end.
        foreach (var sample in _bridge.Finish())
        {
            WriteObject(sample);
            if (sample.StateChanged) ReportChange(sample);
        }
    }

    protected override void StopProcessing() => _bridge?.Stop();

    public void Dispose() => _bridge?.Dispose();

    private void ReportChange(EndpointSample sample)
    {
        var message = $"{sample.Target}: {sample.PreviousState} → {sample.State} at probe {sample.Sequence}: {sample.Reason}";
        if (sample.State == WatchState.Ok)
        {
            WriteVerbose(message);
            WriteInformation(message, ["ConnDiag", "StateChange"]);
        }
        else
        {
            WriteWarning(message);
        }
    }
}
