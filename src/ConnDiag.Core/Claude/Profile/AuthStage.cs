using System.Globalization;
using System.Text.Json;
using ConnDiag.Claude.Api;
using ConnDiag.Claude.Config;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Claude.Profile;

/// <summary>The auth stage's requests and the models it listed.</summary>
/// <param name="Credential">The credential headers sent.</param>
/// <param name="Models"><c>GET /v1/models?limit=1</c>.</param>
/// <param name="ModelIds">The model ids listed (one page).</param>
/// <param name="ModelLookup"><c>GET /v1/models/{id}</c> for the configured model when the page did not show it, or null.</param>
public sealed record AuthEvidence(CredentialHeader Credential, ApiStepResult Models, IReadOnlyList<string> ModelIds, ApiStepResult? ModelLookup);

/// <summary>
/// The <c>auth</c> stage: <c>GET /v1/models?limit=1</c> with the configured credential (<c>x-api-key</c> for API
/// keys, <c>Authorization: Bearer</c> for auth tokens) and <c>anthropic-version</c>. Free. A configured model
/// that the page does not show is looked up with <c>GET /v1/models/{id}</c>.
/// </summary>
internal sealed class AuthStage(ClaudeRun run) : IDiagnosticStage
{
    public const string StageName = "auth";

    public string Name => StageName;

    public Layer Layer => Layer.Auth;

    public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        if (run.OtherProvider) return StageResult.Skipped(Name, Layer, $"skipped: Claude Code uses {run.Profile} ({run.ProfileReason}), not this base URL's API");
        var uri = ClaudeBaseUrl.Api(run.BaseUrl, "/v1/models?limit=1");
        var request = ApiRequests.Authenticated(uri, run.Credentials, anthropicVersion: run.AnthropicVersion);
        var models = await ApiStep.RunAsync(context, run, request, new ApiCall(ApiStep.Label("GET", uri), run.Credentials.Header), cancellationToken).ConfigureAwait(false);
        if (!models.Succeeded)
        {
            var findings = models.Findings;
            var summary = findings.FirstOrDefault()?.Summary ?? $"GET {uri.PathAndQuery} answered {models.StatusCode}";
            return new StageResult(Name, Layer, OutcomeRules.FromFindings(findings), 0, summary, findings, new AuthEvidence(run.Credentials.Header, models, [], null));
        }

        var ids = ModelIds(models.Result.Final.BodyPreview);
        run.Models = ids;
        ApiStepResult? lookup = null;
        var all = new List<Finding>(models.Findings);
        if (run.RequestedModel is { } wanted && !ids.Contains(wanted, StringComparer.Ordinal))
        {
            var modelUri = ClaudeBaseUrl.Api(run.BaseUrl, "/v1/models/" + Uri.EscapeDataString(wanted));
            lookup = await ApiStep.RunAsync(context, run, ApiRequests.Authenticated(modelUri, run.Credentials, anthropicVersion: run.AnthropicVersion),
                new ApiCall(ApiStep.Label("GET", modelUri), run.Credentials.Header, wanted, run.RequestedModelSource), cancellationToken).ConfigureAwait(false);
            // A gateway without the per-model endpoint says nothing about the model: count_tokens will.
            all.AddRange(lookup.Findings.Where(f => f.Code != FindingCodes.ApiEndpointMissing));
        }
        var listed = ids.Count == 0 ? "no models listed" : string.Create(CultureInfo.InvariantCulture, $"models listed, first {ids[0]}");
        var text = all.FirstOrDefault()?.Summary ?? $"GET {uri.PathAndQuery} answered {models.StatusCode}: the credential works ({listed})";
        return new StageResult(Name, Layer, OutcomeRules.FromFindings(all), 0, text, all, new AuthEvidence(run.Credentials.Header, models, ids, lookup));
    }

    /// <summary>The <c>data[].id</c> values of a models page; empty when the body is not one.</summary>
    internal static IReadOnlyList<string> ModelIds(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return [];
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array) return [];
            return data.EnumerateArray()
                .Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(m => m.GetProperty("id").GetString()!)
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
