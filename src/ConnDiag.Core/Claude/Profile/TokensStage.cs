using System.Globalization;
using System.Text.Json;
using ConnDiag.Claude.Api;
using ConnDiag.Claude.Config;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Claude.Profile;

/// <summary>The tokens stage's request and what it counted.</summary>
/// <param name="Model">The model named in the request.</param>
/// <param name="ModelSource">Where that model came from.</param>
/// <param name="Request">The count_tokens request.</param>
/// <param name="InputTokens">The count the endpoint returned, or null.</param>
public sealed record TokensEvidence(string Model, string ModelSource, ApiStepResult Request, int? InputTokens);

/// <summary>
/// The <c>tokens</c> stage: <c>POST /v1/messages/count_tokens</c> — free, and it proves that POST requests with a
/// JSON body pass the proxies and WAFs on the way, which GET requests do not prove.
/// </summary>
internal sealed class TokensStage(ClaudeRun run) : IDiagnosticStage
{
    public const string StageName = "tokens";

    public string Name => StageName;

    public Layer Layer => Layer.Api;

    public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        if (run.OtherProvider) return StageResult.Skipped(Name, Layer, $"skipped: Claude Code uses {run.Profile}, not this base URL's API");
        var (model, source) = run.ProbeModel;
        var uri = ClaudeBaseUrl.Api(run.BaseUrl, "/v1/messages/count_tokens");
        var request = ApiRequests.Authenticated(uri, run.Credentials, "POST", ApiRequests.CountTokensBody(model), run.AnthropicVersion);
        var step = await ApiStep.RunAsync(context, run, request, new ApiCall(ApiStep.Label("POST", uri), run.Credentials.Header, model, source), cancellationToken).ConfigureAwait(false);
        var findings = step.Findings;
        if (!step.Succeeded && run.Profile is not ClaudeProfile.Anthropic && step.Findings.FirstOrDefault()?.Code == FindingCodes.ApiEndpointMissing)
        {
            // Gateways need only POST /v1/messages; count_tokens is optional for them.
            return new StageResult(Name, Layer, Outcome.Warn, 0, step.Findings[0].Summary, findings, new TokensEvidence(model, source, step, null));
        }
        var tokens = step.Succeeded ? InputTokens(step.Result.Final.BodyPreview) : null;
        var summary = findings.FirstOrDefault()?.Summary
            ?? string.Create(CultureInfo.InvariantCulture, $"POST {uri.AbsolutePath} answered {step.StatusCode}: {tokens?.ToString(CultureInfo.InvariantCulture) ?? "?"} input tokens for {model}; POST bodies get through");
        return new StageResult(Name, Layer, OutcomeRules.FromFindings(findings), 0, summary, findings, new TokensEvidence(model, source, step, tokens));
    }

    internal static int? InputTokens(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("input_tokens", out var n) && n.TryGetInt32(out var v) ? v : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
