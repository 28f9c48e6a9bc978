using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using System.Security;
using ConnDiag.Bridging;
using ConnDiag.Diagnosis;
using ConnDiag.Dns;
using ConnDiag.Model;

namespace ConnDiag.Commands;

/// <summary>Test-Endpoint: the layered diagnosis (dns → tcp → proxy → tls → http) of URLs and host:port services.</summary>
[Cmdlet(VerbsDiagnostic.Test, "Endpoint", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(DiagnosticReport), ParameterSetName = [DefaultSet])]
[OutputType(typeof(bool), ParameterSetName = [QuietSet])]
public sealed class TestEndpointCommand : PSCmdlet, IDisposable
{
    private const string DefaultSet = "Default";
    private const string QuietSet = "Quiet";
    private AsyncBridge<EndpointTarget, EndpointSweepResult>? _bridge;
    private readonly Stopwatch _progressClock = new();
    private int _done;

    /// <summary>URLs, bare hosts (https on 443), or host:port services.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url", "Target", "ComputerName")]
    [ValidateNotNullOrEmpty]
    public string[] Uri { get; set; } = [];

    /// <summary>Request method (default GET).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Method { get; set; }

    /// <summary>Extra request headers; values may be SecureString.</summary>
    [Parameter]
    public Hashtable? Header { get; set; }

    /// <summary>Request body, sent as UTF-8.</summary>
    [Parameter]
    public string? Body { get; set; }

    /// <summary>Bearer token for the Authorization header.</summary>
    [Parameter]
    public SecureString? Token { get; set; }

    /// <summary>User name and password for HTTP Basic authentication.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>Status codes that count as success (default: 2xx and 3xx).</summary>
    [Parameter]
    public int[]? ExpectStatus { get; set; }

    /// <summary>Regular expression the response body must match.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ExpectBodyPattern { get; set; }

    /// <summary>Total time in ms above which HTTP.SLOW is a warning (default 500).</summary>
    [Parameter]
    public double? WarnMs { get; set; }

    /// <summary>Total time in ms above which HTTP.SLOW is an error (default 2000).</summary>
    [Parameter]
    public double? CriticalMs { get; set; }

    /// <summary>Send a CORS preflight with this Origin.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Origin { get; set; }

    /// <summary>Proxy URL; an empty string means no proxy even when the environment names one.</summary>
    [Parameter]
    public string? Proxy { get; set; }

    /// <summary>NO_PROXY-style list of hosts, suffixes, addresses and CIDR ranges to reach directly.</summary>
    [Parameter]
    public string? NoProxy { get; set; }

    /// <summary>When a proxy carries the request, also send it direct and report the difference.</summary>
    [Parameter]
    public SwitchParameter CompareDirect { get; set; }

    /// <summary>Retries of the HTTP request, with exponential backoff and jitter.</summary>
    [Parameter]
    [ValidateRange(0, ConnDiag.Http.HttpProbeOptions.MaxRetries)]
    public int Retries { get; set; }

    /// <summary>Limit per stage in seconds (default 5 per network step, 10 for the HTTP exchange).</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(1, 300)]
    public int? TimeoutSeconds { get; set; }

    /// <summary>Most targets diagnosed at once.</summary>
    [Parameter]
    [ValidateRange(1, EndpointSweep.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = EndpointSweep.DefaultThrottleLimit;

    /// <summary>Return one bool per target (true unless a stage failed) and no errors for failed targets.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Only IPv4 addresses.</summary>
    [Parameter]
    public SwitchParameter IPv4 { get; set; }

    /// <summary>Only IPv6 addresses.</summary>
    [Parameter]
    public SwitchParameter IPv6 { get; set; }

    /// <summary>Do not validate certificates (the report says validation was off).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>PEM or DER file (or directory) of CA certificates to trust in addition to the system store.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CaBundle { get; set; }

    /// <summary>DNS servers to ask instead of the configured ones.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Resolver { get; set; }

    /// <summary>Connect to this address (ADDRESS or ADDRESS:PORT) instead of resolving the name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConnectTo { get; set; }

    /// <summary>Also handshake TLS with host:port service targets.</summary>
    [Parameter]
    public SwitchParameter UseTls { get; set; }

    /// <summary>Do not follow redirects.</summary>
    [Parameter]
    public SwitchParameter NoRedirect { get; set; }

    /// <summary>Most response body bytes read (default 1 MiB).</summary>
    [Parameter]
    public int? MaxBodyBytes { get; set; }

    protected override void BeginProcessing()
    {
        if (IPv4 && IPv6)
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("IPv4AndIPv6",
                "-IPv4 and -IPv6 exclude each other: give one of them, or neither to try every address.", null));
        }
        var settings = new EndpointSettings
        {
            Method = Method,
            Headers = HeaderFields(Header),
            Body = Body,
            Token = Token is null ? null : SecureStrings.ToPlain(Token),
            UserName = Credential?.UserName,
            Password = Credential is null ? null : SecureStrings.ToPlain(Credential.Password),
            ExpectStatus = ExpectStatus,
            ExpectBodyPattern = ExpectBodyPattern,
            WarnMs = WarnMs,
            CriticalMs = CriticalMs,
            Origin = Origin,
            Proxy = Proxy,
            NoProxy = NoProxy,
            CompareDirect = CompareDirect,
            Retries = Retries,
            TimeoutSeconds = TimeoutSeconds,
            Family = IPv4 ? AddressFamilyFilter.IPv4 : IPv6 ? AddressFamilyFilter.IPv6 : AddressFamilyFilter.Any,
            SkipCertificateCheck = SkipCertificateCheck,
            CaBundle = CaBundle is null ? null : GetUnresolvedProviderPathFromPSPath(CaBundle),
            Resolvers = Resolver ?? [],
            ConnectTo = ConnectTo,
            UseTls = UseTls,
            NoRedirect = NoRedirect,
            MaxBodyBytes = MaxBodyBytes,
        };
        // EndpointSettings is the one place the inputs are checked, for this cmdlet and `conndiag endpoint` alike.
        if (!settings.TryBuild(out var options, out var error))
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("InvalidParameter", error!, null));
        }
        var diagnoser = new EndpointDiagnoser();
        var throttle = ThrottleLimit;
        _bridge = new AsyncBridge<EndpointTarget, EndpointSweepResult>(CollectedInput.Then<EndpointTarget, EndpointSweepResult>(
            (targets, ct) => EndpointSweep.RunAsync(diagnoser, targets, options!, throttle, null, ct)));
        _progressClock.Start();
    }

    protected override void ProcessRecord()
    {
        foreach (var text in Uri)
        {
            if (!EndpointTarget.TryParse(text, out var target, out var error))
            {
                WriteError(FindingErrors.InvalidArgument("InvalidTarget", error!, text));
                continue;
            }
            _bridge!.Add(target!);
        }
        foreach (var r in _bridge!.Ready()) Emit(r);
    }

    protected override void EndProcessing()
    {
        foreach (var r in _bridge!.Finish()) Emit(r);
        if (_bridge.Queued > 1)
        {
            WriteProgress(new ProgressRecord(1, "Test-Endpoint", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    protected override void StopProcessing() => _bridge?.Stop();

    public void Dispose() => _bridge?.Dispose();

    /// <summary>Header names and values as text; a SecureString value (an API key) is unwrapped only to be sent.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> HeaderFields(Hashtable? headers)
    {
        if (headers is null) return [];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (DictionaryEntry entry in headers)
        {
            var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            var text = value switch
            {
                null => "",
                SecureString secret => SecureStrings.ToPlain(secret),
                _ => LanguagePrimitives.ConvertTo<string>(value),
            };
            fields.Add(new KeyValuePair<string, string>(entry.Key?.ToString() ?? "", text));
        }
        return fields;
    }

    private void Emit(EndpointSweepResult result)
    {
        _done++;
        if (_bridge!.Queued > 1 && _progressClock.ElapsedMilliseconds > 200)
        {
            _progressClock.Restart();
            var total = Math.Max(_bridge.Queued, _done);
            WriteProgress(new ProgressRecord(1, "Test-Endpoint", $"{_done} of {total} targets")
            {
                PercentComplete = (int)(100L * _done / total),
            });
        }

        var report = result.Report;
        if (Quiet)
        {
            WriteObject(report.Outcome != Outcome.Fail);
            return;
        }
        WriteObject(report);
        if (report.Outcome != Outcome.Fail) return;
        WriteError(FindingErrors.ForFailedReport(report));
    }
}
