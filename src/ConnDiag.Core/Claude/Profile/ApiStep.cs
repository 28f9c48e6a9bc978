using ConnDiag.Claude.Api;
using ConnDiag.Diagnosis;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Claude.Profile;

/// <summary>One API request of a stage and what it showed: the probe result, and the findings (the classifier's for an answer, the probe's when none came).</summary>
/// <param name="Result">The probe result (masked).</param>
/// <param name="Findings">What the answer means; empty for a success.</param>
public sealed record ApiStepResult(HttpProbeResult Result, IReadOnlyList<Finding> Findings)
{
    /// <summary>The final status, or null when no answer came.</summary>
    public int? StatusCode => Result.StatusCode;

    /// <summary>True for a 2xx answer.</summary>
    public bool Succeeded => Result.StatusCode is >= 200 and < 300;
}

internal static class ApiStep
{
    public static async Task<ApiStepResult> RunAsync(DiagnosticContext context, ClaudeRun run, HttpProbeRequest request, ApiCall call, CancellationToken cancellationToken, Action<ReadOnlyMemory<byte>>? onBodyRead = null)
    {
        var result = await ApiExchange.SendAsync(context, request, cancellationToken, onBodyRead).ConfigureAwait(false);
        ApiExchange.Collect(run, result);
        if (result.StatusCode is null) return new ApiStepResult(result, result.Findings);
        var findings = result.Findings.ToList();
        if (ApiErrorClassifier.Classify(result.Final, call) is { } finding) findings.Insert(0, finding);
        return new ApiStepResult(result, findings);
    }

    /// <summary><c>GET /v1/models?limit=1</c> as people read it: the path under the base URL.</summary>
    public static string Label(string method, Uri uri) => $"{method} {uri.PathAndQuery}";
}
