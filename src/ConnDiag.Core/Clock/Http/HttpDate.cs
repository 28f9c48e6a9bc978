using System.Globalization;
using System.Text.RegularExpressions;

namespace ConnDiag.Clock.Http;

/// <summary>
/// Parses an HTTP <c>Date</c> header (RFC 7231 §7.1.1.1). Senders must use IMF-fixdate
/// (<c>Sun, 06 Nov 1994 08:49:37 GMT</c>); recipients must also accept the obsolete RFC 850
/// (<c>Sunday, 06-Nov-94 08:49:37 GMT</c>) and asctime (<c>Sun Nov  6 08:49:37 1994</c>) forms.
/// The day name is not checked against the date: a wrong weekday does not make the time less useful here.
/// </summary>
internal static partial class HttpDate
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Longest value worth looking at; a real Date is 29 characters.</summary>
    public const int MaxLength = 64;

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length > MaxLength) return false;
        var s = text.Trim();

        if (ImfFixdate().Match(s) is { Success: true } imf)
        {
            return TryBuild(imf.Groups["year"].Value, imf.Groups["month"].Value, imf.Groups["day"].Value, imf, out value);
        }
        if (Rfc850().Match(s) is { Success: true } rfc850)
        {
            // Two-digit years: RFC 7231 says a year more than 50 years in the future is in the past century.
            var yy = int.Parse(rfc850.Groups["year"].Value, CultureInfo.InvariantCulture);
            var now = DateTime.UtcNow.Year;
            var year = now / 100 * 100 + yy;
            if (year > now + 50) year -= 100;
            return TryBuild(year.ToString(CultureInfo.InvariantCulture), rfc850.Groups["month"].Value, rfc850.Groups["day"].Value, rfc850, out value);
        }
        if (Asctime().Match(s) is { Success: true } asc)
        {
            return TryBuild(asc.Groups["year"].Value, asc.Groups["month"].Value, asc.Groups["day"].Value.Trim(), asc, out value);
        }
        return false;
    }

    private static bool TryBuild(string yearText, string monthText, string dayText, Match time, out DateTimeOffset value)
    {
        value = default;
        var month = Array.IndexOf(Months, monthText) + 1;
        var year = int.Parse(yearText, CultureInfo.InvariantCulture);
        var day = int.Parse(dayText, CultureInfo.InvariantCulture);
        var hour = int.Parse(time.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(time.Groups["minute"].Value, CultureInfo.InvariantCulture);
        var second = int.Parse(time.Groups["second"].Value, CultureInfo.InvariantCulture);
        if (month < 1 || year < 1 || year > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        if (hour > 23 || minute > 59 || second > 60) return false;
        // A leap second (:60) is the last second of the minute as far as a one-second resolution can tell.
        value = new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), TimeSpan.Zero);
        return true;
    }

    private const string Month = "(?<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private const string Time = @"(?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})";

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?<day>\d{2}) " + Month + @" (?<year>\d{4}) " + Time + " GMT$", RegexOptions.CultureInvariant)]
    private static partial Regex ImfFixdate();

    [GeneratedRegex(@"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (?<day>\d{2})-" + Month + @"-(?<year>\d{2}) " + Time + " GMT$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc850();

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) " + Month + @" (?<day>[ \d]\d) " + Time + @" (?<year>\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex Asctime();
}
