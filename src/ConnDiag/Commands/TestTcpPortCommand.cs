using System.Diagnostics;
using System.Management.Automation;
using ConnDiag.Bridging;
using ConnDiag.Dns;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Commands;

/// <summary>Test-TcpPort: connect to every address of every target, concurrently, and classify each attempt.</summary>
[Cmdlet(VerbsDiagnostic.Test, "TcpPort", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(TcpPortResult), ParameterSetName = [DefaultSet])]
[OutputType(typeof(bool), ParameterSetName = [QuietSet])]
public sealed class TestTcpPortCommand : PSCmdlet, IDisposable
{
    private const string DefaultSet = "Default";
    private const string QuietSet = "Quiet";
    private AsyncBridge<Target, TcpPortResult>? _bridge;
    private readonly Stopwatch _progressClock = new();
    private int _done;

    /// <summary>Host names or IP addresses; <c>host:port</c> and <c>[v6]:port</c> carry their own port.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ComputerName", "RemoteAddress")]
    [ValidateNotNullOrEmpty]
    public string[] TargetName { get; set; } = [];

    /// <summary>Ports to try on every target (needed unless each target says host:port).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("RemotePort")]
    [ValidateRange(1, 65535)]
    public int[]? Port { get; set; }

    /// <summary>Per-connect timeout in seconds.</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(1, 300)]
    public int TimeoutSeconds { get; set; } = 2;

    /// <summary>Most connects in flight at once.</summary>
    [Parameter]
    [ValidateRange(1, TcpSweep.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = 64;

    /// <summary>Only IPv4 addresses.</summary>
    [Parameter]
    public SwitchParameter IPv4 { get; set; }

    /// <summary>Only IPv6 addresses.</summary>
    [Parameter]
    public SwitchParameter IPv6 { get; set; }

    /// <summary>Resolve with the operating system (getaddrinfo) instead of ConnDiag's own DNS client, for comparison.</summary>
    [Parameter]
    public SwitchParameter UseSystemResolver { get; set; }

    /// <summary>Return one bool per target and port (true when any address accepted) and no errors.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    protected override void BeginProcessing()
    {
        if (IPv4 && IPv6)
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("IPv4AndIPv6",
                "-IPv4 and -IPv6 exclude each other: give one of them, or neither to try every address.", null));
        }
        var options = new TcpProbeOptions(
            TimeSpan.FromSeconds(TimeoutSeconds),
            IPv4 ? AddressFamilyFilter.IPv4 : IPv6 ? AddressFamilyFilter.IPv6 : AddressFamilyFilter.Any);
        var probe = UseSystemResolver ? TcpProbe.CreateDefault(SystemAddressResolver.Instance) : TcpProbe.CreateDefault();
        var throttle = ThrottleLimit;
        _bridge = new AsyncBridge<Target, TcpPortResult>((input, ct) => TcpSweep.RunAsync(probe, input, options, throttle, null, null, ct));
        _progressClock.Start();
    }

    protected override void ProcessRecord()
    {
        foreach (var name in TargetName)
        {
            foreach (var target in Expand(name))
            {
                _bridge!.Add(target);
            }
        }
        foreach (var r in _bridge!.Ready()) Emit(r);
    }

    protected override void EndProcessing()
    {
        foreach (var r in _bridge!.Finish()) Emit(r);
        if (_bridge.Queued > 1)
        {
            WriteProgress(new ProgressRecord(1, "Test-TcpPort", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    protected override void StopProcessing() => _bridge?.Stop();

    public void Dispose() => _bridge?.Dispose();

    /// <summary>A target's own port (host:port) wins; -Port applies to targets written without one.</summary>
    private IEnumerable<Target> Expand(string name)
    {
        if (!Target.TryParseParts(name, out var host, out var ownPort, out var error))
        {
            WriteError(FindingErrors.InvalidArgument("InvalidTarget", $"Invalid target {error}.", name));
            return [];
        }
        if (ownPort is { } p) return [new Target(host!, p)];
        if (Port is null || Port.Length == 0)
        {
            WriteError(FindingErrors.InvalidArgument("NoPort", $"'{name}': no port: give -Port, or write the target as host:port.", name));
            return [];
        }
        return Port.Select(port => new Target(host!, port));
    }

    private void Emit(TcpPortResult result)
    {
        _done++;
        if (_bridge!.Queued > 1 && _progressClock.ElapsedMilliseconds > 200)
        {
            _progressClock.Restart();
            var total = Math.Max(_bridge.Queued, _done);
            WriteProgress(new ProgressRecord(1, "Test-TcpPort", $"{_done} of {total} targets")
            {
                PercentComplete = (int)(100L * _done / total),
            });
        }

        if (Quiet)
        {
            WriteObject(result.Succeeded);
            return;
        }
        WriteObject(result);
        if (FindingErrors.Primary(result.Findings) is { } failure && !result.Succeeded)
        {
            WriteError(FindingErrors.ToErrorRecord(failure, result));
        }
    }
}
