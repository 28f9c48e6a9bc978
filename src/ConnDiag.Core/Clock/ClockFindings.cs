using System.Globalization;
using ConnDiag.Clock.Ntp;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Clock;

/// <summary>The CLOCK findings: when an offset is a skew, and why a source gave no usable time.</summary>
internal static class ClockFindings
{
    /// <summary>
    /// Only an offset that is beyond the threshold <i>even at the favourable end of its uncertainty</i> is a
    /// skew: a Date header one second off is no evidence of anything.
    /// </summary>
    public static bool IsBeyond(double offsetMs, double uncertaintyMs, double maximumOffsetMs) =>
        Math.Abs(offsetMs) - uncertaintyMs > maximumOffsetMs;

    public static Finding Skew(string source, ClockMethod method, double offsetMs, string measurement, double maximumOffsetMs)
    {
        var direction = offsetMs > 0 ? "behind" : "ahead of";
        var how = method == ClockMethod.Ntp ? "NTP" : "HTTP Date";
        return FindingCatalog.Create(FindingCodes.ClockSkew,
            $"The local clock is {ClockText.Duration(offsetMs)} {direction} {source} ({how}).",
            $"{measurement}; allowed offset {ClockText.Duration(maximumOffsetMs)} beyond the uncertainty.");
    }

    public static Finding NoNtpAnswer(string source, NtpExchange exchange) =>
        FindingCatalog.Create(FindingCodes.ClockNoResponse,
            exchange.Outcome == NtpOutcome.Unreachable
                ? $"The NTP server {source} cannot be reached."
                : $"The NTP server {source} did not answer.",
            exchange.Detail + Ignored(exchange) + ".");

    public static Finding KissOfDeath(string source, NtpExchange exchange)
    {
        var code = exchange.Reply!.ReferenceIdText;
        var evidence = $"{exchange.Detail}: {KissCodes.Explain(code)} (stratum 0 reply to request {exchange.Requests})" + Ignored(exchange) + ".";
        var remedy = KissCodes.MeansStop(code)
            ? "This server will not serve this client: use another NTP server (and ask its operator if it should)."
            : null;
        return FindingCatalog.Create(FindingCodes.ClockKissOfDeath,
            $"The NTP server {source} refused to serve time: kiss code {code}.", evidence, remedy);
    }

    public static Finding Unsynchronized(string source, NtpPacket reply, string measurement)
    {
        var why = reply.Leap == LeapIndicator.Unsynchronized
            ? "leap indicator 3 (alarm: clock not synchronized)"
            : string.Create(CultureInfo.InvariantCulture, $"stratum {reply.Stratum} (16 and above mean unsynchronized)");
        return FindingCatalog.Create(FindingCodes.ClockServerUnsynchronized,
            $"The NTP server {source} says its own clock is not synchronized, so its time proves nothing.",
            $"It answered with {why}; {measurement}.");
    }

    public static Finding NoHttpAnswer(string source, string detail) =>
        FindingCatalog.Create(FindingCodes.ClockNoResponse, $"{source} gave no HTTP response to read the time from.", detail + ".");

    public static Finding NoDate(string source, int? status, string? rawDate)
    {
        var what = rawDate is null ? "has no Date header" : $"has a Date header that is not an HTTP date: '{Printable(rawDate)}'";
        return FindingCatalog.Create(FindingCodes.ClockNoDate,
            $"The response of {source} {what}.",
            string.Create(CultureInfo.InvariantCulture, $"HEAD {source} answered HTTP {status}; RFC 7231 requires an IMF-fixdate such as 'Sun, 06 Nov 1994 08:49:37 GMT'."));
    }

    public static Finding Unresolved(ClockSource source, string error, double durationMs) =>
        FindingCatalog.Create(FindingCodes.DnsLookupFailed,
            $"{source.Host} did not resolve: {error}.",
            $"Lookup through the system resolver failed after {ClockText.Ms(durationMs)}: {error}.");

    private static string Ignored(NtpExchange e) => e.IgnoredReplies == 0
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"; {e.IgnoredReplies} {(e.IgnoredReplies == 1 ? "reply" : "replies")} ignored, the first for {e.FirstIgnoredReason}");

    /// <summary>A header value a server chose, made safe to print on one line.</summary>
    private static string Printable(string s) => new(s.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
