using ConnDiag.Claude.Profile;
using ConnDiag.Model;

namespace ConnDiag.Cli.Output;

/// <summary>
/// What `conndiag claude` adds to the endpoint text: the profile, the effective configuration (secrets masked,
/// each value with its source), the request ids support asks for, the rate limits and the status page.
/// </summary>
internal static class ClaudeReportText
{
    public static void Details(TextWriter output, DiagnosticReport report)
    {
        if (report is not ClaudeConnectionReport r) return;
        output.WriteLine($"  profile: {r.Profile} ({FindingText.OneLine(r.ProfileReason)})");
        output.WriteLine($"  base URL: {FindingText.OneLine(r.BaseUrl)} ({FindingText.OneLine(r.BaseUrlSource)})");
        if (r.EffectiveConfig.Values.Count > 0)
        {
            output.WriteLine("  effective config:");
            foreach (var v in r.EffectiveConfig.Values)
            {
                var shadowed = v.Disagrees ? $"; overrides {v.Shadowed.Count} other value(s)" : "";
                var length = v.Secret && v.Length is { } n ? $", {n} chars" : "";
                output.WriteLine($"    {v.Name}={FindingText.OneLine(v.Value)} ({FindingText.OneLine(v.Source.ToString())}{length}{shadowed})");
            }
        }
        if (r.Models is { Count: > 0 } models) output.WriteLine($"  models: {FindingText.OneLine(string.Join(", ", models.Take(10)))}{(models.Count > 10 ? $" and {models.Count - 10} more" : "")}");
        if (r.RequestIds.Count > 0) output.WriteLine($"  request ids: {FindingText.OneLine(string.Join(", ", r.RequestIds))}");
        if (r.RateLimits is { } limits) output.WriteLine($"  rate limits: {FindingText.OneLine(limits.Describe())}");
        if (r.StatusPage is { } page) output.WriteLine($"  status page: {FindingText.OneLine(page.ToString())}");
    }
}
