using ConnDiag.Claude.Api;
using ConnDiag.Claude.Config;
using ConnDiag.Claude.Status;
using ConnDiag.Diagnosis;
using ConnDiag.Http;
using ConnDiag.Model;
using ConnDiag.Secrets;
using ConnDiag.Tls;

namespace ConnDiag.Claude.Profile;

/// <summary>
/// Test-ClaudeConnection's engine: the layered diagnosis (<see cref="EndpointDiagnoser"/>) of the base URL with the
/// Claude profile's stages added — config → claude-config → dns → tcp → proxy → tls → http → api-shape → auth →
/// tokens (→ message → stream when asked for) → status-page. The generic stages run with Claude Code's own environment (proxies from its
/// settings <c>env</c> blocks too) and trust (NODE_EXTRA_CA_CERTS), so the route and the trust are the ones
/// Claude Code has; every API request goes the way the http stage went (proxy tunnel or proven endpoint).
/// </summary>
public sealed class ClaudeDiagnoser
{
    /// <summary>Statuses that prove HTTP works at the base URL: anything but a proxy's 407 and server errors (the API answers <c>GET /</c> with 404).</summary>
    internal static readonly IReadOnlyList<int> HttpStageStatuses = Enumerable.Range(100, 400).Where(s => s != 407).ToList();

    /// <summary>The plan for a run: the default plan with the Claude stages inserted.</summary>
    internal static StagePlan Plan(ClaudeRun run, bool sendMessage, bool stream, StatusPageChoice statusPage)
    {
        var plan = EndpointDiagnoser.DefaultPlan
            .InsertAfter(ConfigDiagnosticStage.StageName, new ClaudeConfigStage(run))
            .InsertAfter(HttpDiagnosticStage.StageName, new ApiShapeStage(run))
            .InsertAfter(ApiShapeStage.StageName, new AuthStage(run))
            .InsertAfter(AuthStage.StageName, new TokensStage(run));
        if (sendMessage || stream) plan = plan.Append(new MessageStage(run));
        if (stream) plan = plan.Append(new StreamStage(run));
        return plan.Append(new StatusPageStage(run, statusPage));
    }

    /// <summary>Diagnoses Claude Code's connection as configured (options first, then its environment and settings files).</summary>
    /// <exception cref="ArgumentException">An explicit option is invalid (a base URL that is not an http or https URL); the message names it.</exception>
    public async Task<ClaudeConnectionReport> DiagnoseAsync(ClaudeConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ClaudeConnectionOptions();
        if (options.BaseUrl is not null && !ClaudeBaseUrl.TryParse(options.BaseUrl, out _, out var badOption))
        {
            throw new ArgumentException($"Base URL: {badOption}.", nameof(options));
        }
        // Checked before anything is contacted, like the base URL.
        StatusPageTarget? statusPageTarget = null;
        if (options.StatusPageUrl is not null && options.IncludeStatusPage != false)
        {
            try
            {
                statusPageTarget = StatusPageTarget.FromUrl(options.StatusPageUrl);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Status page URL: {e.Message}", nameof(options));
            }
        }
        var config = ClaudeConfig.Read(options.Sources ?? ClaudeConfigSources.ForCurrentProcess(), new Dictionary<string, string?>
        {
            [ClaudeVariables.BaseUrl] = options.BaseUrl,
            [ClaudeVariables.ApiKey] = options.ApiKey,
            [ClaudeVariables.AuthToken] = options.AuthToken,
            [ClaudeVariables.Model] = options.Model,
        });
        var (baseText, baseSource) = ClaudeBaseUrl.Of(config);
        if (!ClaudeBaseUrl.TryParse(baseText, out var baseUrl, out _))
        {
            return InvalidBaseUrl(config, options, baseText, baseSource);
        }

        var (profile, reason) = options.Profile == ClaudeProfile.Auto ? ProfileDetector.Detect(baseUrl!, config) : (options.Profile, "chosen with the profile option");
        var check = ClaudeConfigCheck.Run(config, baseUrl, profile);
        var credentials = new ApiCredentials(config.Raw(ClaudeVariables.ApiKey), config.Raw(ClaudeVariables.AuthToken));
        var model = config.Raw(ClaudeVariables.Model);
        var modelSource = model is null ? null : $"{ClaudeVariables.Model} ({config.SourceOf(ClaudeVariables.Model)})";
        var run = new ClaudeRun(config, check, baseUrl!, baseSource, profile, reason, credentials, options.AnthropicVersion, model, modelSource);

        var diagnosis = DiagnosisOptions(options.Diagnosis, config, check, baseUrl!);
        var plan = Plan(run, options.SendMessage, options.Stream, new StatusPageChoice(options.IncludeStatusPage, statusPageTarget, options.StatusPageCache));
        // Checked before anything is contacted: the configuration was only read from files so far.
        if (options.LastStage is { } last) plan = Through(plan, last);
        var report = await new EndpointDiagnoser(_ => plan).DiagnoseAsync(baseUrl!, diagnosis, cancellationToken).ConfigureAwait(false);
        return new ClaudeConnectionReport(report)
        {
            Profile = run.Profile,
            ProfileReason = run.ProfileReason,
            BaseUrl = SecretMasker.Default.MaskUri(baseUrl!),
            BaseUrlSource = baseSource,
            EffectiveConfig = config.Effective,
            RequestIds = run.RequestIds,
            RateLimits = run.RateLimits,
            Models = run.Models,
            RouterFingerprint = run.RouterFingerprint,
            StatusPage = run.StatusPage,
        };
    }

    /// <summary>The stage names a run can stop after (message and stream only when they are asked for).</summary>
    public static IReadOnlyList<string> StageNames { get; } =
    [
        ConfigDiagnosticStage.StageName, ClaudeConfigStage.StageName, Dns.Stage.DnsStage.StageName, TcpDiagnosticStage.StageName, Http.Proxy.ProxyStage.Name,
        TlsDiagnosticStage.StageName,
        HttpDiagnosticStage.StageName, ApiShapeStage.StageName, AuthStage.StageName, TokensStage.StageName, MessageStage.StageName,
        StreamStage.StageName, StatusPageStage.StageName,
    ];

    private static StagePlan Through(StagePlan plan, string last)
    {
        var name = last.Trim().ToLowerInvariant();
        if (!plan.Contains(name))
        {
            var why = name == MessageStage.StageName ? ": it runs only when a message is sent (SendMessage or Stream)"
                : name == StreamStage.StageName ? ": it runs only when streaming is asked for (Stream)"
                : $" (stages: {string.Join(", ", plan.Names)})";
            throw new ArgumentException($"Stage '{last}' is not a stage of this run{why}.", nameof(last));
        }
        return plan.Through(name);
    }

    /// <summary>The generic options with Claude Code's environment (proxies) and extra roots, and the API's idea of a working HTTP answer.</summary>
    internal static EndpointDiagnosisOptions DiagnosisOptions(EndpointDiagnosisOptions given, ClaudeConfig config, ClaudeConfigCheckResult check, Uri baseUrl)
    {
        var options = given with
        {
            EnvironmentVariables = given.EnvironmentVariables ?? config.Environment,
            Http = given.Http with { ExpectStatus = HttpStageStatuses },
            HttpRequest = _ => ApiRequests.Get(ClaudeBaseUrl.Api(baseUrl, "/")),
        };
        // Claude Code trusts NODE_EXTRA_CA_CERTS on top of its roots; so does this run, unless the caller chose a bundle.
        if (check.ExtraCaPath is { } ca && given.Http.CaBundlePath is null && ReferenceEquals(given.TlsChain.Trust, TlsTrust.System))
        {
            try
            {
                options = options with
                {
                    TlsChain = given.TlsChain with { Trust = TlsTrust.FromBundle(ca, CaBundleMode.Add) },
                    Http = options.Http with { CaBundlePath = ca },
                };
            }
            catch (CertificateFileException)
            {
                // The config check read the file a moment ago; if it changed since, the run keeps the system roots.
            }
        }
        return options;
    }

    private static ClaudeConnectionReport InvalidBaseUrl(ClaudeConfig config, ClaudeConnectionOptions options, string baseText, string baseSource)
    {
        var profile = options.Profile == ClaudeProfile.Auto ? ClaudeProfile.Gateway : options.Profile;
        var check = ClaudeConfigCheck.Run(config, null, profile);
        var shown = ClaudeConfig.Show(baseText, VariableDisplay.Url);
        var stage = new StageResult(ClaudeConfigStage.StageName, Layer.Config, Outcome.Fail, 0,
            check.Findings.First(f => f.Code == Findings.FindingCodes.ConfigBaseUrlInvalid).Summary, check.Findings,
            new ClaudeConfigEvidence(profile, "the base URL cannot be parsed", shown, baseSource, new ApiCredentials(config.Raw(ClaudeVariables.ApiKey), config.Raw(ClaudeVariables.AuthToken)).Header,
                check.ExtraCaPath, check.ExtraCaCount, config.Effective));
        var report = new DiagnosticReport(new Target(shown, 0), DateTimeOffset.UtcNow, 0, [stage]);
        return new ClaudeConnectionReport(report)
        {
            Profile = profile,
            ProfileReason = "the base URL cannot be parsed",
            BaseUrl = shown,
            BaseUrlSource = baseSource,
            EffectiveConfig = config.Effective,
        };
    }
}
