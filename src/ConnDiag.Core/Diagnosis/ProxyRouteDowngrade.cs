using ConnDiag.Model;

namespace ConnDiag.Diagnosis;

/// <summary>
/// Turns a failure on the direct path into a warning when the client goes through a proxy: the direct path is
/// not the one the client uses, so it cannot be why the client fails, but it is still evidence (what breaks if
/// NO_PROXY changes or another client goes direct).
/// </summary>
internal static class ProxyRouteDowngrade
{
    public static StageResult Apply(StageResult result, DiagnosticContext context, string why)
    {
        if (result.Outcome != Outcome.Fail) return result;
        var proxy = context.PlannedRoute?.Proxy?.Url ?? "the proxy";
        var findings = result.Findings
            .Select(f => f.Severity == Severity.Error ? f with { Severity = Severity.Warning } : f)
            .ToList();
        return result with
        {
            Outcome = Outcome.Warn,
            Summary = $"{result.Summary} (not what this client depends on: requests go through {proxy}, and {why})",
            Findings = findings,
        };
    }
}
