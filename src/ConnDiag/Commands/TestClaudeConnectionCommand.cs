using System.Management.Automation;
using System.Security;
using ConnDiag.Bridging;
using ConnDiag.Claude.Config;
using ConnDiag.Claude.Profile;
using ConnDiag.Claude.Status;
using ConnDiag.Diagnosis;
using ConnDiag.Dns;
using ConnDiag.Model;

namespace ConnDiag.Commands;

/// <summary>
/// Test-ClaudeConnection: Claude Code's connection diagnosed layer by layer (config, network, TLS, HTTP, then the
/// API: shape, auth, count_tokens, optionally a message and a stream, then the status page).
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ClaudeConnection", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(ClaudeConnectionReport), ParameterSetName = [DefaultSet])]
[OutputType(typeof(bool), ParameterSetName = [QuietSet])]
public sealed class TestClaudeConnectionCommand : PSCmdlet, IDisposable
{
    private const string DefaultSet = "Default";
    private const string QuietSet = "Quiet";
    private readonly CancellationTokenSource _cts = new();

    /// <summary>The endpoint Claude Code talks to; default ANTHROPIC_BASE_URL, else https://api.anthropic.com.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? BaseUrl { get; set; }

    /// <summary>The API key (sent as x-api-key) instead of ANTHROPIC_API_KEY.</summary>
    [Parameter]
    public SecureString? ApiKey { get; set; }

    /// <summary>An auth token (sent as Authorization: Bearer) instead of ANTHROPIC_AUTH_TOKEN.</summary>
    [Parameter]
    public SecureString? AuthToken { get; set; }

    /// <summary>The model for count_tokens and messages instead of ANTHROPIC_MODEL.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Model { get; set; }

    /// <summary>The kind of endpoint; Auto detects it from the base URL and the environment.</summary>
    [Parameter]
    public ClaudeProfile Profile { get; set; } = ClaudeProfile.Auto;

    /// <summary>Also send POST /v1/messages with max_tokens 1 (costs tokens).</summary>
    [Parameter]
    public SwitchParameter SendMessage { get; set; }

    /// <summary>Also stream a message and check the events arrive one by one (costs tokens).</summary>
    [Parameter]
    public SwitchParameter Stream { get; set; }

    /// <summary>
    /// Read the provider's status page. Not given: Anthropic's page for Anthropic's API only; -IncludeStatusPage:$false
    /// turns it off; -IncludeStatusPage also reads it for a gateway on another host.
    /// </summary>
    [Parameter]
    public SwitchParameter IncludeStatusPage { get; set; }

    /// <summary>A Statuspage site to read instead of Anthropic's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatusPageUrl { get; set; }

    /// <summary>PEM file of extra CA certificates to trust (a TLS-inspecting proxy's root).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CaBundle { get; set; }

    /// <summary>Proxy URL instead of HTTPS_PROXY; an empty string means no proxy.</summary>
    [Parameter]
    public string? Proxy { get; set; }

    /// <summary>NO_PROXY-style list of hosts to reach directly.</summary>
    [Parameter]
    public string? NoProxy { get; set; }

    /// <summary>Connect to this address (ADDRESS or ADDRESS:PORT) instead of resolving the base URL's host.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConnectTo { get; set; }

    /// <summary>Limit per stage in seconds (default 5).</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(1, 300)]
    public int? TimeoutSeconds { get; set; }

    /// <summary>The last stage to run (e.g. http: no credential is sent); the later stages are reported as Skipped.</summary>
    [Parameter]
    [ValidateSet("config", "claude-config", "dns", "tcp", "proxy", "tls", "http", "api-shape", "auth", "tokens", "message", "stream", "status-page")]
    public string? Stage { get; set; }

    /// <summary>Only IPv4 addresses of the base URL's host (check the path a client with broken IPv6 takes).</summary>
    [Parameter]
    public SwitchParameter IPv4 { get; set; }

    /// <summary>Only IPv6 addresses of the base URL's host.</summary>
    [Parameter]
    public SwitchParameter IPv6 { get; set; }

    /// <summary>Return true unless a stage failed, and no error.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    protected override void EndProcessing()
    {
        if (IPv4 && IPv6)
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("IPv4AndIPv6",
                "-IPv4 and -IPv6 exclude each other: give one of them, or neither to try every address.", null));
        }
        var settings = new EndpointSettings
        {
            Proxy = Proxy,
            NoProxy = NoProxy,
            TimeoutSeconds = TimeoutSeconds,
            CaBundle = CaBundle is null ? null : GetUnresolvedProviderPathFromPSPath(CaBundle),
            ConnectTo = ConnectTo,
            Family = IPv4 ? AddressFamilyFilter.IPv4 : IPv6 ? AddressFamilyFilter.IPv6 : AddressFamilyFilter.Any,
        };
        // The same validation as Test-Endpoint and `conndiag claude`.
        if (!settings.TryBuild(out var diagnosis, out var error))
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("InvalidParameter", error!, null));
        }
        var options = new ClaudeConnectionOptions
        {
            Diagnosis = diagnosis!,
            // The project settings are those of PowerShell's current location, not the process's directory.
            Sources = ClaudeConfigSources.ForCurrentProcess() with { ProjectDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath },
            BaseUrl = BaseUrl,
            ApiKey = ApiKey is null ? null : SecureStrings.ToPlain(ApiKey),
            AuthToken = AuthToken is null ? null : SecureStrings.ToPlain(AuthToken),
            Model = Model,
            Profile = Profile,
            SendMessage = SendMessage,
            Stream = Stream,
            IncludeStatusPage = MyInvocation.BoundParameters.ContainsKey(nameof(IncludeStatusPage)) ? IncludeStatusPage.IsPresent : null,
            StatusPageUrl = StatusPageUrl,
            LastStage = Stage,
            // Repeated runs in one session ask the status page at most once a minute.
            StatusPageCache = StatusPageCache.Shared,
        };

        ClaudeConnectionReport report;
        try
        {
            report = new ClaudeDiagnoser().DiagnoseAsync(options, _cts.Token).GetAwaiter().GetResult();
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(FindingErrors.InvalidArgument("InvalidParameter", ex.Message, null));
            return;
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }

        if (Quiet)
        {
            WriteObject(report.Outcome != Outcome.Fail);
            return;
        }
        WriteObject(report);
        if (report.Outcome != Outcome.Fail) return;
        WriteError(FindingErrors.ForFailedReport(report));
    }

    protected override void StopProcessing() => _cts.Cancel();

    public void Dispose() => _cts.Dispose();
}
