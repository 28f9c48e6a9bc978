using System.Globalization;
using ConnDiag.Claude.Api;
using ConnDiag.Claude.Config;
using ConnDiag.Diagnosis;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Claude.Profile;

/// <summary>The api-shape stage's two unauthenticated answers and the router generation they showed.</summary>
/// <param name="Root"><c>GET /</c> under the base URL.</param>
/// <param name="Messages"><c>GET /v1/messages</c>.</param>
/// <param name="RouterFingerprint"><c>v2</c> or <c>v3</c> when claude-code-router answered <c>GET /</c>, else null.</param>
public sealed record ApiShapeEvidence(ApiStepResult Root, ApiStepResult? Messages, string? RouterFingerprint);

/// <summary>
/// The <c>api-shape</c> stage: who answers at the base URL, without a credential. Anthropic's API answers
/// <c>GET /</c> with 404 and <c>GET /v1/messages</c> with 405 (JSON); an HTML page, a proxy's answer, a challenge
/// or the edge's 403 <c>forbidden</c> shape are classified and fail the stage. claude-code-router is recognised
/// by its <c>GET /</c> fingerprint.
/// </summary>
internal sealed class ApiShapeStage(ClaudeRun run) : IDiagnosticStage
{
    public const string StageName = "api-shape";

    public string Name => StageName;

    public Layer Layer => Layer.Api;

    public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        var rootUri = ClaudeBaseUrl.Api(run.BaseUrl, "/");
        var root = await Step(context, rootUri, cancellationToken).ConfigureAwait(false);
        if (root.StatusCode is null) return Result(root, null, root.Findings, $"{ApiStep.Label("GET", rootUri)}: no answer");
        if (Fingerprint(root.Result.Final.BodyPreview) is { } generation) run.RecogniseRouter(generation);
        if (run.Profile == ClaudeProfile.Anthropic && root.Succeeded && NotTheApi(root, rootUri) is { } page)
        {
            // The API never answers GET / with a page: a captive portal or a proxy's login page did, with 200.
            return Result(root, null, [page, .. root.Findings], page.Summary);
        }

        var messagesUri = ClaudeBaseUrl.Api(run.BaseUrl, "/v1/messages");
        var messages = await Step(context, messagesUri, cancellationToken).ConfigureAwait(false);
        var findings = root.Findings.Concat(messages.Findings).ToList();
        var statuses = string.Create(CultureInfo.InvariantCulture, $"GET {rootUri.AbsolutePath} -> {root.StatusCode}, GET {messagesUri.AbsolutePath} -> {(messages.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no answer")}");
        string summary;
        if (findings.Count > 0) summary = findings[0].Summary;
        else if (run.RouterFingerprint is { } g) summary = $"{statuses}: claude-code-router {g} answers";
        else if (root.StatusCode == 404 && messages.StatusCode == 405) summary = $"{statuses}: answers like the Anthropic API";
        else summary = $"{statuses}: an HTTP server answers; the authenticated stages show whether it speaks the API";
        return Result(root, messages, findings, summary);
    }

    private StageResult Result(ApiStepResult root, ApiStepResult? messages, IReadOnlyList<Finding> findings, string summary) =>
        new(Name, Layer, OutcomeRules.FromFindings(findings), 0, summary, findings, new ApiShapeEvidence(root, messages, run.RouterFingerprint));

    private async Task<ApiStepResult> Step(DiagnosticContext context, Uri uri, CancellationToken cancellationToken)
    {
        var step = await ApiStep.RunAsync(context, run, ApiRequests.Get(uri), new ApiCall(ApiStep.Label("GET", uri), CredentialHeader.None), cancellationToken).ConfigureAwait(false);
        // Without a credential, 401, 404 and 405 are how an API (or gateway) says "not like this": normal here.
        if (step.StatusCode is 401 or 404 or 405) return step with { Findings = step.Findings.Where(f => f.Layer is not (Layer.Api or Layer.Auth)).ToList() };
        return step;
    }

    private static Finding? NotTheApi(ApiStepResult step, Uri uri)
    {
        var e = step.Result.Final;
        if (!ApiErrorParser.LooksLikeHtml(e.BodyPreview, e.HeaderValues("Content-Type").FirstOrDefault())) return null;
        var title = ApiErrorParser.Parse(e.BodyPreview, "text/html")?.Message;
        var via = string.Join(", ", new[] { "Server", "Via" }.SelectMany(h => e.HeaderValues(h).Select(v => $"{h}: {v}")));
        return Findings.FindingCatalog.Create(Findings.FindingCodes.ApiUnexpectedResponse,
            string.Create(CultureInfo.InvariantCulture, $"GET {uri.AbsolutePath} answered {e.StatusCode} with an HTML page \"{title}\", not the API's JSON 404: a captive portal, proxy or web server answered{(via.Length > 0 ? $" ({via})" : "")}."),
            $"{e.RequestLine} -> {e.StatusCode}; Content-Type: {e.HeaderValues("Content-Type").FirstOrDefault()}");
    }

    internal static string? Fingerprint(string? body)
    {
        if (body is null) return null;
        if (body.Contains("\"claude-code-router\"", StringComparison.Ordinal)) return "v3";
        if (body.Contains("\"LLMs API\"", StringComparison.Ordinal)) return "v2";
        return null;
    }
}
