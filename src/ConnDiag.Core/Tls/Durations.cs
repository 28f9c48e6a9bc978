using System.Globalization;

namespace ConnDiag.Tls;

/// <summary>Time spans and dates in words for summaries ("3 h 20 min", "2025-03-01 12:00 UTC").</summary>
internal static class Durations
{
    public static string Describe(TimeSpan span)
    {
        var t = span.Duration();
        if (t.TotalDays >= 2) return Invariant($"{Math.Floor(t.TotalDays):0} days");
        if (t.TotalHours >= 1) return t.Minutes == 0 ? Invariant($"{Math.Floor(t.TotalHours):0} h") : Invariant($"{Math.Floor(t.TotalHours):0} h {t.Minutes} min");
        if (t.TotalMinutes >= 1) return Invariant($"{Math.Floor(t.TotalMinutes):0} min");
        return Invariant($"{t.TotalSeconds:0.#} s");
    }

    public static string Date(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Days(int days) => days == 1 ? "1 day" : Invariant($"{days} days");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
