using System.Globalization;
using System.Text.RegularExpressions;

namespace ConnDiag.Logs;

/// <summary>
/// Reads the time at the start of a log line in the shapes services write: ISO 8601 (most apps, journalctl
/// -o short-iso, Go), nginx's error log (<c>2026/11/22 06:32:30</c>), the access log's <c>[22/Nov/2026:06:32:30 +0000]</c>
/// and syslog/journalctl's <c>Nov 22 06:32:30</c>. Times without a zone are local time, as those programs write them.
/// </summary>
public static partial class LogTimestamp
{
    /// <summary>The time on the line, or null when it has none in a known shape.</summary>
    /// <param name="line">One log line.</param>
    /// <param name="now">Reference time for syslog lines, which have no year: the latest year that is not in the future.</param>
    public static DateTimeOffset? Parse(string line, DateTimeOffset now)
    {
        try
        {
            var m = Iso().Match(line);
            if (m.Success && DateTimeOffset.TryParse(m.Groups[1].Value.Replace(',', '.'), CultureInfo.InvariantCulture,
                    m.Groups[2].Success ? DateTimeStyles.None : DateTimeStyles.AssumeLocal, out var iso))
            {
                return iso;
            }
            m = Nginx().Match(line);
            if (m.Success && DateTime.TryParseExact(m.Groups[1].Value, "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeLocal, out var ng))
            {
                return new DateTimeOffset(ng);
            }
            m = Access().Match(line);
            if (m.Success && DateTimeOffset.TryParseExact(m.Groups[1].Value, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var access))
            {
                return access;
            }
            m = Syslog().Match(line);
            if (m.Success)
            {
                var text = Regex.Replace(m.Groups[1].Value, " +", " ");
                foreach (var year in new[] { now.Year, now.Year - 1 })
                {
                    if (DateTime.TryParseExact($"{year} {text}", ["yyyy MMM d HH:mm:ss", "yyyy MMM d HH:mm:ss.FFFFFF"],
                            CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var sys)
                        && new DateTimeOffset(sys) <= now.AddDays(1))
                    {
                        return new DateTimeOffset(sys);
                    }
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // No time rather than a failed scan.
        }
        return null;
    }

    /// <summary>journald's <c>__REALTIME_TIMESTAMP</c>: microseconds since the Unix epoch, as a decimal string.</summary>
    public static DateTimeOffset? FromJournalMicroseconds(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var us) && us < 253402300799_000000L
            ? DateTimeOffset.UnixEpoch.AddTicks(us * 10)
            : null;

    [GeneratedRegex(@"^\s*\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(Z|[+-]\d{2}:?\d{2})?)\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Iso();

    [GeneratedRegex(@"^(\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}) ", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Nginx();

    [GeneratedRegex(@"\[(\d{2}/[A-Za-z]{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\]", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Access();

    [GeneratedRegex(@"^([A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?) ", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Syslog();
}
