using ConnDiag.Claude.Api;
using ConnDiag.Claude.Config;
using ConnDiag.Model;

namespace ConnDiag.Claude.Profile;

/// <summary>
/// A layered diagnosis of Claude Code's connection: the generic report (every stage, findings) plus what the
/// Claude profile adds. Safe to print and serialize: secrets appear only masked.
/// </summary>
public sealed record ClaudeConnectionReport : DiagnosticReport
{
    /// <summary>Wraps the generic report of the same run.</summary>
    public ClaudeConnectionReport(DiagnosticReport report)
        : base(report)
    {
    }

    /// <summary>The profile the run used (after the api-shape stage's fingerprint, when it recognised the router).</summary>
    public ClaudeProfile Profile { get; init; }

    /// <summary>Why that profile.</summary>
    public string ProfileReason { get; init; } = "";

    /// <summary>The base URL (masked) and where it came from.</summary>
    public string BaseUrl { get; init; } = "";

    /// <summary>Where the base URL came from.</summary>
    public string BaseUrlSource { get; init; } = "";

    /// <summary>The effective configuration with sources; secrets masked.</summary>
    public EffectiveConfig EffectiveConfig { get; init; } = new([], []);

    /// <summary>Every <c>request-id</c> the endpoint returned, in order (support asks for them).</summary>
    public IReadOnlyList<string> RequestIds { get; init; } = [];

    /// <summary>The last rate-limit facts a response carried, or null.</summary>
    public RateLimits? RateLimits { get; init; }

    /// <summary>The model ids the auth stage listed, or null when it listed none.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>What the provider's status page said, or null when the status-page stage did not read one.</summary>
    public ConnDiag.Claude.Status.ProviderStatusReport? StatusPage { get; init; }

    /// <summary>claude-code-router's generation when it was recognised (<c>v2</c>, <c>v3</c>), or null.</summary>
    public string? RouterFingerprint { get; init; }
}
