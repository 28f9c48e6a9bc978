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
/// <param name="Hello"><c>HEAD /api/hello</c>, Claude Code's preconnect probe, for a gateway or router; null for Anthropic's API.</param>
public sealed record ApiShapeEvidence(ApiStepResult Root, ApiStepResult? Messages, string? RouterFingerprint, ApiStepResult? Hello = null);

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
        var hello = run.Profile == ClaudeProfile.Anthropic ? null : await HelloAsync(context, cancellationToken).ConfigureAwait(false);
        var findings = root.Findings.Concat(messages.Findings).ToList();
        var statuses = string.Create(CultureInfo.InvariantCulture, $"GET {rootUri.AbsolutePath} -> {root.StatusCode}, GET {messagesUri.AbsolutePath} -> {(messages.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no answer")}");
        string summary;
        var helloFinding = hello is null ? null : HelloFinding(hello);
        if (findings.Count > 0) summary = findings[0].Summary;
        else if (run.RouterFingerprint is { } g) summary = $"{statuses}: claude-code-router {g} answers";
        else if (root.StatusCode == 404 && messages.StatusCode == 405) summary = $"{statuses}: answers like the Anthropic API";
        else summary = $"{statuses}: an HTTP server answers; the authenticated stages show whether it speaks the API";
        if (helloFinding is not null) findings.Add(helloFinding);
        return Result(root, messages, findings, summary, hello);
    }

    private StageResult Result(ApiStepResult root, ApiStepResult? messages, IReadOnlyList<Finding> findings, string summary, ApiStepResult? hello = null) =>
        new(Name, Layer, OutcomeRules.FromFindings(findings), 0, summary, findings, new ApiShapeEvidence(root, messages, run.RouterFingerprint, hello));

    /// <summary>
    /// Claude Code sends <c>HEAD {base}/api/hello</c> before its requests. A gateway that does not serve it logs a
    /// 404 per start, which is noise, not a failure: the answer is kept as evidence and a non-2xx is Info only.
    /// </summary>
    private async Task<ApiStepResult> HelloAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        var uri = ClaudeBaseUrl.Api(run.BaseUrl, "/api/hello");
        var request = ApiRequests.Get(uri) with { Method = "HEAD" };
        var step = await ApiStep.RunAsync(context, run, request, new ApiCall(ApiStep.Label("HEAD", uri), CredentialHeader.None), cancellationToken).ConfigureAwait(false);
        // Whatever the classifier makes of the answer, this request decides nothing.
        return step with { Findings = [] };
    }

    private static Finding? HelloFinding(ApiStepResult hello)
    {
        if (hello.Succeeded) return null;
        var e = hello.Result.Final;
        var answer = hello.StatusCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : $"nothing ({e.Error})";
        return Findings.FindingCatalog.Create(Findings.FindingCodes.ApiHelloMissing,
            $"HEAD /api/hello under the base URL answered {answer}: Claude Code's preconnect probe is not served here, so the gateway logs it on every start; requests are not affected.",
            $"{e.RequestLine} -> {answer}");
    }

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
