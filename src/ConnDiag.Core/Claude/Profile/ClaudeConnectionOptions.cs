using System.Text;
using ConnDiag.Claude.Api;
using ConnDiag.Claude.Config;
using ConnDiag.Diagnosis;

namespace ConnDiag.Claude.Profile;

/// <summary>How to diagnose Claude Code's connection. Unset values come from Claude Code's own configuration.</summary>
public sealed record ClaudeConnectionOptions
{
    /// <summary>The generic diagnosis options (timeouts, resolver, trust, pinning). Proxies come from Claude Code's environment unless set here.</summary>
    public EndpointDiagnosisOptions Diagnosis { get; init; } = EndpointDiagnosisOptions.Default;

    /// <summary>Where Claude Code's configuration is read from; null reads this process's environment, home and current directory.</summary>
    public ClaudeConfigSources? Sources { get; init; }

    /// <summary>The base URL; null: ANTHROPIC_BASE_URL, else https://api.anthropic.com.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>An API key (x-api-key) instead of ANTHROPIC_API_KEY. Never printed.</summary>
    public string? ApiKey { get; init; }

    /// <summary>An auth token (Authorization: Bearer) instead of ANTHROPIC_AUTH_TOKEN. Never printed.</summary>
    public string? AuthToken { get; init; }

    /// <summary>The model for count_tokens and messages; null: ANTHROPIC_MODEL, else the first listed one.</summary>
    public string? Model { get; init; }

    /// <summary>The profile; Auto detects it.</summary>
    public ClaudeProfile Profile { get; init; } = ClaudeProfile.Auto;

    /// <summary>The anthropic-version header.</summary>
    public string AnthropicVersion { get; init; } = ApiRequests.AnthropicVersion;

    /// <summary>Also send <c>POST /v1/messages</c> with max_tokens 1 (costs tokens).</summary>
    public bool SendMessage { get; init; }

    /// <summary>Also stream a message (SSE) and check the events arrive one by one; implies <see cref="SendMessage"/> (costs tokens).</summary>
    public bool Stream { get; init; }

    /// <summary>
    /// Whether to read the provider's status page: null (the default) reads Anthropic's only when the base URL is
    /// Anthropic's own API; false never reads it; true also reads it for a gateway on another host. A loopback
    /// base URL (or one pinned to loopback) never reads a public page, whatever this says.
    /// </summary>
    public bool? IncludeStatusPage { get; init; }

    /// <summary>A Statuspage site to read instead of Anthropic's (its base URL or summary URL); read whenever the stage is not turned off.</summary>
    public string? StatusPageUrl { get; init; }

    /// <summary>
    /// The last stage to run (<c>http</c>: everything up to the API without sending a credential; <c>auth</c>: no
    /// count_tokens request); the stages after it are reported as Skipped. Null runs every stage.
    /// </summary>
    public string? LastStage { get; init; }

    /// <summary>Reuse a status page read within the last minute (the cmdlets share one per session); null reads it every run.</summary>
    public Status.StatusPageCache? StatusPageCache { get; init; }

    // The generated ToString would print the key and the token.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Diagnosis = ").Append(Diagnosis)
            .Append(", Sources = ").Append(Sources is null ? "current process" : "injected")
            .Append(", BaseUrl = ").Append(BaseUrl is null ? "null" : ClaudeConfig.Show(BaseUrl, VariableDisplay.Url))
            .Append(", ApiKey = ").Append(ApiKey is null ? "null" : Secrets.SecretMasker.Ellipsis)
            .Append(", AuthToken = ").Append(AuthToken is null ? "null" : Secrets.SecretMasker.Ellipsis)
            .Append(", Model = ").Append(Model ?? "null")
            .Append(", Profile = ").Append(Profile)
            .Append(", AnthropicVersion = ").Append(AnthropicVersion)
            .Append(", SendMessage = ").Append(SendMessage)
            .Append(", Stream = ").Append(Stream)
            .Append(", IncludeStatusPage = ").Append(IncludeStatusPage?.ToString() ?? "null")
            .Append(", StatusPageUrl = ").Append(StatusPageUrl is null ? "null" : ClaudeConfig.Show(StatusPageUrl, VariableDisplay.Url))
            .Append(", LastStage = ").Append(LastStage ?? "null")
            .Append(", StatusPageCache = ").Append(StatusPageCache is null ? "none" : "shared");
        return true;
    }
}
