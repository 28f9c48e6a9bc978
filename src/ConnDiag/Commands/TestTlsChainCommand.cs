using System.Diagnostics;
using System.Management.Automation;
using ConnDiag.Bridging;
using ConnDiag.Dns;
using ConnDiag.Model;
using ConnDiag.Tls;

namespace ConnDiag.Commands;

/// <summary>Test-TlsChain: handshake with every address of every target (or read chain files) and judge the certificate chain.</summary>
[Cmdlet(VerbsDiagnostic.Test, "TlsChain", DefaultParameterSetName = TargetSet)]
[OutputType(typeof(TlsChainReport), ParameterSetName = [TargetSet, PathSet])]
public sealed class TestTlsChainCommand : PSCmdlet, IDisposable
{
    private const string TargetSet = "Target";
    private const string PathSet = "Path";
    private AsyncBridge<Target, TlsChainReport>? _bridge;
    private TlsChainOptions? _chain;
    private string? _serverName;
    private readonly Stopwatch _progressClock = new();
    private int _done;
    private volatile bool _stopping;

    /// <summary>Host names or IP addresses; <c>host:port</c>, <c>[v6]:port</c> and URLs carry their own port.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = TargetSet)]
    [Alias("ComputerName", "RemoteAddress")]
    [ValidateNotNullOrEmpty]
    public string[] TargetName { get; set; } = [];

    /// <summary>Port for targets written without one.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true, ParameterSetName = TargetSet)]
    [Alias("RemotePort")]
    [ValidateRange(1, 65535)]
    public int Port { get; set; } = TlsProbeOptions.DefaultPort;

    /// <summary>PEM or DER chain files, or directories of them, analysed offline.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>SNI name and the name the certificate must match (default: the target's host).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ServerName { get; set; }

    /// <summary>PEM file of CA certificates to trust in addition to the system store.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CaBundle { get; set; }

    /// <summary>Trust only the roots in CaBundle (as curl --cacert does).</summary>
    [Parameter]
    public SwitchParameter CaBundleOnly { get; set; }

    /// <summary>TLS.EXPIRES_SOON when a certificate expires within this many days.</summary>
    [Parameter]
    [ValidateRange(0, 3650)]
    public int MinimumDaysValid { get; set; } = TlsChainOptions.DefaultMinimumDaysValid;

    /// <summary>Fetch CRLs and OCSP answers for the leaf and intermediates.</summary>
    [Parameter(ParameterSetName = TargetSet)]
    public SwitchParameter CheckRevocation { get; set; }

    /// <summary>The client does not validate certificates: report problems as warnings.</summary>
    [Parameter(ParameterSetName = TargetSet)]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>NTP server (host, host:port, [v6]:port) to measure the clock against when a certificate fails only on its dates.</summary>
    [Parameter(ParameterSetName = TargetSet)]
    [ValidateNotNullOrEmpty]
    public string? NtpServer { get; set; }

    /// <summary>Limit in seconds for the name lookup, each connect and each handshake.</summary>
    [Parameter(ParameterSetName = TargetSet)]
    [Alias("TimeoutSec")]
    [ValidateRange(1, 300)]
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>Most targets in flight at once.</summary>
    [Parameter(ParameterSetName = TargetSet)]
    [ValidateRange(1, TlsSweep.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = 32;

    /// <summary>Only IPv4 addresses.</summary>
    [Parameter(ParameterSetName = TargetSet)]
    public SwitchParameter IPv4 { get; set; }

    /// <summary>Only IPv6 addresses.</summary>
    [Parameter(ParameterSetName = TargetSet)]
    public SwitchParameter IPv6 { get; set; }

    protected override void BeginProcessing()
    {
        if (IPv4 && IPv6)
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("IPv4AndIPv6",
                "-IPv4 and -IPv6 exclude each other: give one of them, or neither to try every address.", null));
        }
        if (CaBundleOnly && CaBundle is null)
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("CaBundleOnlyWithoutCaBundle", "-CaBundleOnly needs -CaBundle FILE.", null));
        }
        if (ServerName is not null)
        {
            if (!Target.TryCreate(ServerName, TlsProbeOptions.DefaultPort, out var checkedName, out var error))
            {
                ThrowTerminatingError(FindingErrors.InvalidArgument("InvalidServerName", $"-ServerName '{ServerName}': {error}.", ServerName));
            }
            _serverName = checkedName!.Host;
        }

        ConnDiag.Clock.ClockSource? clockCheck = null;
        if (NtpServer is not null && !ConnDiag.Clock.ClockSource.TryParseNtpServer(NtpServer, out clockCheck, out var ntpError))
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("InvalidNtpServer", $"-NtpServer '{NtpServer}': {ntpError}.", NtpServer));
        }

        var trust = TlsTrust.System;
        if (CaBundle is not null)
        {
            try
            {
                trust = TlsTrust.FromBundle(GetUnresolvedProviderPathFromPSPath(CaBundle), CaBundleOnly ? CaBundleMode.Replace : CaBundleMode.Add);
            }
            catch (CertificateFileException ex)
            {
                ThrowTerminatingError(FindingErrors.InvalidArgument("InvalidCaBundle", "-CaBundle " + ex.Message, CaBundle));
            }
        }
        _chain = new TlsChainOptions
        {
            Trust = trust,
            CheckRevocation = CheckRevocation,
            MinimumDaysValid = MinimumDaysValid,
            SkipCertificateCheck = SkipCertificateCheck,
        };
        if (ParameterSetName == PathSet) return;

        var options = new TlsProbeOptions(TimeSpan.FromSeconds(TimeoutSeconds), _chain, _serverName,
            IPv4 ? AddressFamilyFilter.IPv4 : IPv6 ? AddressFamilyFilter.IPv6 : AddressFamilyFilter.Any, ClockCheck: clockCheck);
        var probe = TlsProbe.CreateDefault();
        var throttle = ThrottleLimit;
        _bridge = new AsyncBridge<Target, TlsChainReport>((input, ct) => TlsSweep.RunAsync(probe, input, options, throttle, ct));
        _progressClock.Start();
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PathSet)
        {
            foreach (var p in Path) AnalyzeFiles(p);
            return;
        }
        foreach (var name in TargetName)
        {
            if (!Target.TryParseParts(name, out var host, out var ownPort, out var error))
            {
                WriteError(FindingErrors.InvalidArgument("InvalidTarget", $"Invalid target {error}.", name));
                continue;
            }
            _bridge!.Add(new Target(host!, ownPort ?? Port));
        }
        foreach (var r in _bridge!.Ready()) Emit(r);
    }

    protected override void EndProcessing()
    {
        if (_bridge is null) return;
        foreach (var r in _bridge.Finish()) Emit(r);
        if (_bridge.Queued > 1)
        {
            WriteProgress(new ProgressRecord(1, "Test-TlsChain", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    protected override void StopProcessing()
    {
        _stopping = true;
        _bridge?.Stop();
    }

    public void Dispose() => _bridge?.Dispose();

    private void AnalyzeFiles(string path)
    {
        var resolved = GetUnresolvedProviderPathFromPSPath(path);
        try
        {
            foreach (var file in CertificateFile.Expand(resolved))
            {
                if (_stopping) throw new PipelineStoppedException();
                try
                {
                    Emit(TlsChainFileCheck.Analyze(file, _chain!, _serverName));
                }
                catch (CertificateFileException ex)
                {
                    WriteError(FindingErrors.InvalidArgument("InvalidCertificateFile", ex.Message, file));
                }
            }
        }
        catch (CertificateFileException ex)
        {
            WriteError(FindingErrors.InvalidArgument("InvalidCertificateFile", ex.Message, path));
        }
    }

    private void Emit(TlsChainReport report)
    {
        _done++;
        if (_bridge is { Queued: > 1 } bridge && _progressClock.ElapsedMilliseconds > 200)
        {
            _progressClock.Restart();
            var total = Math.Max(bridge.Queued, _done);
            WriteProgress(new ProgressRecord(1, "Test-TlsChain", $"{_done} of {total} targets")
            {
                PercentComplete = (int)(100L * _done / total),
            });
        }
        WriteObject(report);
        if (FindingErrors.Primary(report.Findings) is { } failure)
        {
            WriteError(FindingErrors.ToErrorRecord(failure, report));
        }
    }
}
