using System.Globalization;

namespace ConnDiag.Reports;

/// <summary>Number and label formatting both writers share, so HTML and Markdown say the same thing.</summary>
internal static class ReportText
{
    public static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Ms(double? ms) => ms is { } v ? Ms(v) : "-";

    public static string Number(long? n) => n is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";

    /// <summary>The one-line verdict: "Fail at tcp", "Pass".</summary>
    public static string Verdict(ReportView r) => r.FailedStage is { Length: > 0 } s ? $"{r.Outcome} at {s}" : r.Outcome;

    /// <summary>The label of a phase row: "http tls", or "http #2 tls" for a redirect hop.</summary>
    public static string PhaseLabel(PhaseView p) => p.Exchange == 1 ? $"http {p.Phase}" : $"http #{p.Exchange} {p.Phase}";

    /// <summary>"12 days", "expired 3 days ago", "-".</summary>
    public static string Days(long? days) => days switch
    {
        null => "-",
        < 0 => $"expired {(-days.Value).ToString(CultureInfo.InvariantCulture)} days ago",
        1 => "1 day",
        _ => $"{days.Value.ToString(CultureInfo.InvariantCulture)} days",
    };
}
