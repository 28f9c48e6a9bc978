using System.Globalization;

namespace ConnDiag.Clock;

/// <summary>Durations and offsets in words for summaries and evidence.</summary>
internal static class ClockText
{
    /// <summary>A magnitude people read at a glance: "850 ms", "3.2 s", "5 min 12 s", "1 h 0 min", "3 d 4 h".</summary>
    public static string Duration(double ms)
    {
        // Each form rounds to its own last unit, so 3599.9997 s reads "1 h 0 min", not "59 min 59 s".
        var s = Math.Abs(ms) / 1000;
        if (s < 1) return Invariant($"{s * 1000:0} ms");
        if (s < 59.95) return Invariant($"{s:0.0} s");
        var seconds = (long)Math.Round(s);
        if (seconds < 3600) return Invariant($"{seconds / 60} min {seconds % 60} s");
        var minutes = (long)Math.Round(s / 60);
        if (minutes < 24 * 60) return Invariant($"{minutes / 60} h {minutes % 60} min");
        var hours = (long)Math.Round(s / 3600);
        return Invariant($"{hours / 24} d {hours % 24} h");
    }

    /// <summary>Milliseconds with a sign and one decimal: "+3600000.4 ms".</summary>
    public static string SignedMs(double ms) => Invariant($"{ms:+0.0;-0.0;0.0} ms");

    public static string Ms(double ms) => Invariant($"{ms:0.0} ms");

    public static string Seconds(TimeSpan t) => Invariant($"{t.TotalSeconds:0.###} s");

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
