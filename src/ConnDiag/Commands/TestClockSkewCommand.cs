using System.Management.Automation;
using ConnDiag.Bridging;
using ConnDiag.Clock;

namespace ConnDiag.Commands;

/// <summary>
/// Test-ClockSkew: the local clock against NTP servers and/or the Date header of URLs. With neither, against
/// the NTP server the system's own time service is configured with.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ClockSkew")]
[OutputType(typeof(ClockSkewResult))]
public sealed class TestClockSkewCommand : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private ClockSkewProbe? _probe;
    private ClockSkewOptions? _options;
    private bool _urisDone;

    /// <summary>NTP servers: <c>host</c>, <c>host:port</c> or <c>[v6]:port</c>.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? NtpServer { get; set; }

    /// <summary>http:// or https:// URLs whose Date header is compared.</summary>
    /// <remarks>
    /// Not bound from the pipeline: PowerShell would first coerce a piped object to a string for
    /// -NtpServer (by value), so a URL property could never reach this parameter reliably.
    /// </remarks>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public System.Uri[]? Uri { get; set; }

    /// <summary>How long to wait for each answer (and the name lookup).</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(1, 300)]
    public int TimeoutSeconds { get; set; } = 3;

    /// <summary>The offset allowed beyond the measurement's uncertainty; default 2 s for NTP, 5 s for HTTP Date.</summary>
    [Parameter]
    [ValidateRange(0.0, 31536000.0)]
    public double? MaximumOffsetSeconds { get; set; }

    protected override void BeginProcessing()
    {
        _probe = new ClockSkewProbe();
        _options = new ClockSkewOptions(
            TimeSpan.FromSeconds(TimeoutSeconds),
            MaximumOffsetSeconds is { } max ? TimeSpan.FromSeconds(max) : null);
    }

    protected override void ProcessRecord()
    {
        var sources = new List<ClockSource>();
        foreach (var server in NtpServer ?? [])
        {
            if (ClockSource.TryParseNtpServer(server, out var source, out var error)) sources.Add(source!);
            else WriteError(FindingErrors.InvalidArgument("InvalidNtpServer", error! + ".", server));
        }
        // -Uri is an argument, the same for every pipeline input: measure it once, not once per piped server.
        foreach (var uri in _urisDone ? [] : Uri ?? [])
        {
            if (ClockSource.TryFromUri(uri, out var source, out var error)) sources.Add(source!);
            else WriteError(FindingErrors.InvalidArgument("InvalidUri", error! + ".", uri));
        }
        if (NtpServer is null && Uri is null) sources.Add(SystemSource());
        _urisDone = true;

        foreach (var source in sources)
        {
            ClockSkewResult result;
            try
            {
                result = _probe!.MeasureAsync(source, _options!, _cts.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            WriteObject(result);
            if (FindingErrors.Primary(result.Findings) is { } failure)
            {
                WriteError(FindingErrors.ToErrorRecord(failure, result));
            }
        }
    }

    /// <summary>The first NTP server of the system's own configuration; without one the user must say.</summary>
    private ClockSource SystemSource()
    {
        var configured = SystemTimeSources.Discover();
        foreach (var c in configured)
        {
            if (ClockSource.TryParseNtpServer(c.Server, out var source, out _))
            {
                WriteVerbose($"No -NtpServer or -Uri: using {c.Server}, configured in {c.ConfiguredIn}.");
                return source!;
            }
        }
        var where = OperatingSystem.IsWindows()
            ? @"the W32Time NtpServer registry value"
            : string.Join(", ", SystemTimeSources.UnixConfigPaths);
        ThrowTerminatingError(FindingErrors.InvalidArgument("NoTimeSource",
            $"No NTP server is configured on this system (looked in {where}): give -NtpServer SERVER or -Uri https://HOST/.", null));
        throw new InvalidOperationException("unreachable");
    }

    protected override void StopProcessing() => _cts.Cancel();

    public void Dispose() => _cts.Dispose();
}
