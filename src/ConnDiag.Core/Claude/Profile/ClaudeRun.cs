using System.Collections.Concurrent;
using ConnDiag.Claude.Api;
using ConnDiag.Claude.Config;

namespace ConnDiag.Claude.Profile;

/// <summary>
/// What one Claude diagnosis knows beyond the generic context: the configuration, the profile, the credentials
/// and model, and what the API stages collected (request ids, rate limits, models). One per run; the stages of
/// that run share it.
/// </summary>
internal sealed class ClaudeRun
{
    private readonly ConcurrentQueue<string> _requestIds = new();

    public ClaudeRun(ClaudeConfig config, ClaudeConfigCheckResult check, Uri baseUrl, string baseUrlSource, ClaudeProfile profile, string profileReason,
        ApiCredentials credentials, string anthropicVersion, string? model, string? modelSource)
    {
        Config = config;
        Check = check;
        BaseUrl = baseUrl;
        BaseUrlSource = baseUrlSource;
        Profile = profile;
        ProfileReason = profileReason;
        Credentials = credentials;
        AnthropicVersion = anthropicVersion;
        RequestedModel = model;
        RequestedModelSource = modelSource;
    }

    public ClaudeConfig Config { get; }
    public ClaudeConfigCheckResult Check { get; }
    public Uri BaseUrl { get; }
    public string BaseUrlSource { get; }
    public ClaudeProfile Profile { get; private set; }
    public string ProfileReason { get; private set; }
    public ApiCredentials Credentials { get; }
    public string AnthropicVersion { get; }
    public string? RequestedModel { get; }
    public string? RequestedModelSource { get; }

    /// <summary>The model ids the auth stage listed, or null when it did not list any.</summary>
    public IReadOnlyList<string>? Models { get; set; }

    /// <summary>The latest rate-limit facts any response carried.</summary>
    public RateLimits? RateLimits { get; set; }

    /// <summary>What the status-page stage read, or null.</summary>
    public Status.ProviderStatusReport? StatusPage { get; set; }

    /// <summary>The router generation the api-shape stage recognised (<c>v2</c>, <c>v3</c>), or null.</summary>
    public string? RouterFingerprint { get; set; }

    public IReadOnlyList<string> RequestIds => _requestIds.ToList();

    /// <summary>True when Claude Code talks to another provider and the API stages do not apply.</summary>
    public bool OtherProvider => Profile is ClaudeProfile.Bedrock or ClaudeProfile.Vertex or ClaudeProfile.Foundry;

    /// <summary>The model for count_tokens and messages, and where it came from.</summary>
    public (string Model, string Source) ProbeModel =>
        RequestedModel is { } m ? (m, RequestedModelSource ?? "option")
        : Models is { Count: > 0 } listed ? (listed[0], "the first model /v1/models listed")
        : (DefaultProbeModel, "ConnDiag's default probe model (no model configured or listed)");

    /// <summary>The model used when none is configured and the endpoint lists none.</summary>
    public const string DefaultProbeModel = "claude-haiku-4-5";

    public void AddRequestId(string? id)
    {
        if (!string.IsNullOrWhiteSpace(id) && !_requestIds.Contains(id)) _requestIds.Enqueue(id);
    }

    /// <summary>The api-shape stage recognised claude-code-router where the base URL alone did not say so.</summary>
    public void RecogniseRouter(string generation)
    {
        RouterFingerprint = generation;
        if (Profile is ClaudeProfile.Gateway)
        {
            Profile = ClaudeProfile.ClaudeCodeRouter;
            ProfileReason = $"GET / answered with claude-code-router's {generation} fingerprint";
        }
    }
}
