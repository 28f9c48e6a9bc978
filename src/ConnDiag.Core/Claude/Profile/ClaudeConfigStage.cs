using ConnDiag.Claude.Api;
using ConnDiag.Claude.Config;
using ConnDiag.Diagnosis;
using ConnDiag.Model;
using ConnDiag.Secrets;

namespace ConnDiag.Claude.Profile;

/// <summary>What the claude-config stage read: the profile and why, the base URL and its source, the effective configuration (masked).</summary>
/// <param name="Profile">The profile the run uses.</param>
/// <param name="ProfileReason">Why.</param>
/// <param name="BaseUrl">The base URL (masked).</param>
/// <param name="BaseUrlSource">Where it came from.</param>
/// <param name="Credential">Which credential headers the API stages send.</param>
/// <param name="ExtraCaPath">NODE_EXTRA_CA_CERTS when usable (its roots are trusted by this run too), or null.</param>
/// <param name="ExtraCaCount">Certificates in it.</param>
/// <param name="Config">Every variable that is set, with its source; secrets masked.</param>
public sealed record ClaudeConfigEvidence(
    ClaudeProfile Profile,
    string ProfileReason,
    string BaseUrl,
    string BaseUrlSource,
    CredentialHeader Credential,
    string? ExtraCaPath,
    int ExtraCaCount,
    EffectiveConfig Config);

/// <summary>
/// The <c>claude-config</c> stage, right after the generic config stage (which judges the route and the trust of
/// this run): Claude Code's effective settings with provenance and the CONFIG.* checks on them. It never fails —
/// a setting is a risk, the network stages prove whether it matters.
/// </summary>
internal sealed class ClaudeConfigStage(ClaudeRun run) : IDiagnosticStage
{
    public const string StageName = "claude-config";

    public string Name => StageName;

    public Layer Layer => Layer.Config;

    public Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        var findings = run.Check.Findings;
        var evidence = new ClaudeConfigEvidence(run.Profile, run.ProfileReason, SecretMasker.Default.MaskUri(run.BaseUrl), run.BaseUrlSource,
            run.Credentials.Header, run.Check.ExtraCaPath, run.Check.ExtraCaCount, run.Config.Effective);
        var summary = findings.Count > 0
            ? findings[0].Summary
            : $"profile {run.Profile} ({run.ProfileReason}); base URL {evidence.BaseUrl} from {run.BaseUrlSource}; {Credential(run.Credentials.Header)}";
        // Warnings only: the outcome says "worth fixing", and the run goes on to show what the network makes of it.
        var outcome = findings.Count > 0 ? Outcome.Warn : Outcome.Pass;
        return Task.FromResult(new StageResult(Name, Layer, outcome, 0, summary, findings, evidence));
    }

    private static string Credential(CredentialHeader header) => header switch
    {
        CredentialHeader.ApiKey => "credential: ANTHROPIC_API_KEY as x-api-key",
        CredentialHeader.Bearer => "credential: ANTHROPIC_AUTH_TOKEN as Authorization: Bearer",
        CredentialHeader.Both => "credentials: x-api-key and Authorization: Bearer",
        _ => "no credential",
    };
}
