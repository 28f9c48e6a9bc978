using System.Globalization;
using System.Text.Json;
using ConnDiag.Claude.Api;
using ConnDiag.Claude.Config;
using ConnDiag.Diagnosis;
using ConnDiag.Model;

namespace ConnDiag.Claude.Profile;

/// <summary>The message stage's request and the usage it reported.</summary>
/// <param name="Model">The model named.</param>
/// <param name="ModelSource">Where it came from.</param>
/// <param name="Request">The request.</param>
/// <param name="StopReason">The message's stop_reason, or null.</param>
/// <param name="InputTokens">usage.input_tokens, or null.</param>
/// <param name="OutputTokens">usage.output_tokens, or null.</param>
public sealed record MessageEvidence(string Model, string ModelSource, ApiStepResult Request, string? StopReason, int? InputTokens, int? OutputTokens);

/// <summary>
/// The opt-in <c>message</c> stage: <c>POST /v1/messages</c> with <c>max_tokens: 1</c>, the request Claude Code
/// makes. It costs tokens, so it only runs when asked for.
/// </summary>
internal sealed class MessageStage(ClaudeRun run) : IDiagnosticStage
{
    public const string StageName = "message";

    public string Name => StageName;

    public Layer Layer => Layer.Api;

    public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        if (run.OtherProvider) return StageResult.Skipped(Name, Layer, $"skipped: Claude Code uses {run.Profile}, not this base URL's API");
        var (model, source) = run.ProbeModel;
        var uri = ClaudeBaseUrl.Api(run.BaseUrl, "/v1/messages");
        var request = ApiRequests.Authenticated(uri, run.Credentials, "POST", ApiRequests.MessageBody(model, stream: false), run.AnthropicVersion);
        var step = await ApiStep.RunAsync(context, run, request, new ApiCall(ApiStep.Label("POST", uri), run.Credentials.Header, model, source), cancellationToken).ConfigureAwait(false);
        var (stop, input, output) = step.Succeeded ? Usage(step.Result.Final.BodyPreview) : (null, null, null);
        var summary = step.Findings.FirstOrDefault()?.Summary
            ?? string.Create(CultureInfo.InvariantCulture, $"POST {uri.AbsolutePath} answered {step.StatusCode} in {step.Result.DurationMs:0} ms: {model} replied ({input?.ToString(CultureInfo.InvariantCulture) ?? "?"} tokens in, {output?.ToString(CultureInfo.InvariantCulture) ?? "?"} out, stop_reason {stop ?? "?"})");
        return new StageResult(Name, Layer, OutcomeRules.FromFindings(step.Findings), 0, summary, step.Findings, new MessageEvidence(model, source, step, stop, input, output));
    }

    internal static (string? StopReason, int? Input, int? Output) Usage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (null, null, null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null, null);
            var stop = root.TryGetProperty("stop_reason", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            int? input = null, output = null;
            if (root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object)
            {
                if (u.TryGetProperty("input_tokens", out var i) && i.TryGetInt32(out var iv)) input = iv;
                if (u.TryGetProperty("output_tokens", out var o) && o.TryGetInt32(out var ov)) output = ov;
            }
            return (stop, input, output);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }
}
