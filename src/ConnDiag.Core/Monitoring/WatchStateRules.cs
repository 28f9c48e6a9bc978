using System.Globalization;

namespace ConnDiag.Monitoring;

/// <summary>The state a window's statistics put an endpoint in, and the reason in words with the numbers.</summary>
public static class WatchStateRules
{
    /// <summary>
    /// Critical when p95 ≥ CriticalMs or error rate ≥ ErrorRateCriticalPercent; else Warning when either reaches its
    /// warning threshold; else Ok. The reason names every threshold crossed at that level.
    /// </summary>
    public static (WatchState State, string Reason) Evaluate(WindowStatistics stats, WatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rate = stats.ErrorRatePercent;
        var critical = Crossed(stats.P95Ms, rate, options.CriticalMs, options.ErrorRateCriticalPercent, "critical");
        if (critical.Count > 0) return (WatchState.Critical, string.Join("; ", critical));
        var warning = Crossed(stats.P95Ms, rate, options.WarnMs, options.ErrorRateWarnPercent, "warn");
        if (warning.Count > 0) return (WatchState.Warning, string.Join("; ", warning));
        return (WatchState.Ok, Text($"p95 {Ms(stats.P95Ms)} ms < warn {Ms(options.WarnMs)} ms, error rate {Pct(rate)} % < warn {Pct(options.ErrorRateWarnPercent)} %"));
    }

    private static List<string> Crossed(double p95, double rate, double ms, double percent, string level)
    {
        var reasons = new List<string>(2);
        if (p95 >= ms) reasons.Add(Text($"p95 {Ms(p95)} ms ≥ {level} {Ms(ms)} ms"));
        if (rate >= percent) reasons.Add(Text($"error rate {Pct(rate)} % ≥ {level} {Pct(percent)} %"));
        return reasons;
    }

    private static string Ms(double ms) => Math.Round(ms).ToString("0", CultureInfo.InvariantCulture);

    private static string Pct(double p) => Math.Round(p, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
