using System.Net;
using System.Text.Json.Serialization;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Clock;

/// <summary>
/// The local clock compared with one time source.
/// <para>
/// <b>Sign convention:</b> <see cref="OffsetMs"/> is <i>source time − local time</i>. Positive means the local
/// clock is <b>behind</b> the source (it must be moved forward by that much; certificates then look
/// "not yet valid"); negative means it is <b>ahead</b> (certificates look expired early). This is NTP's
/// θ, and what <c>chronyc tracking</c> and <c>ntpdate</c> report as the offset to apply.
/// </para>
/// </summary>
/// <param name="Source">The NTP server as <c>host:port</c>, or the URL.</param>
/// <param name="Method">NTP or the HTTP Date header.</param>
/// <param name="RemoteAddress">The NTP server address that answered (or was last asked); null for HTTP.</param>
/// <param name="Succeeded">True when the source gave a trustworthy time and the offset was judged against the threshold.</param>
/// <param name="OffsetMs">Source time − local time, in milliseconds; null when nothing was measured.</param>
/// <param name="UncertaintyMs">
/// How far the true offset may lie from <paramref name="OffsetMs"/>: half the NTP round trip, or for the Date
/// header 1000 ms (whole seconds) plus half the HTTP round trip.
/// </param>
/// <param name="RoundTripMs">NTP: the network delay δ without the server's processing time. HTTP: request sent to headers received.</param>
/// <param name="Stratum">The NTP server's stratum (0 for a kiss-o'-death); null for HTTP.</param>
/// <param name="ReferenceId">The NTP reference id: four letters for stratum 0 and 1 (kiss code, e.g. RATE; clock, e.g. GPS), else the upstream's IPv4 address.</param>
/// <param name="ServerTime">The source's clock at the moment of <paramref name="LocalTime"/>: <c>ServerTime − LocalTime = OffsetMs</c>. For HTTP it is the middle of the second the Date header names (Date + 0.5 s).</param>
/// <param name="LocalTime">The local clock at the measurement (NTP: when the reply arrived; HTTP: halfway through the request).</param>
/// <param name="MaximumOffsetMs">The offset allowed before <c>CLOCK.SKEW</c>, beyond <paramref name="UncertaintyMs"/>.</param>
/// <param name="Requests">NTP requests sent, or 1 HTTP request.</param>
/// <param name="IgnoredReplies">Datagrams that were not a valid answer to a request sent (wrong originate timestamp, too short, wrong mode) and were dropped.</param>
/// <param name="Findings">CLOCK.SKEW when the offset is beyond the threshold; why nothing was measured otherwise; empty when the clock is fine.</param>
public sealed record ClockSkewResult(
    string Source,
    ClockMethod Method,
    IPAddress? RemoteAddress,
    bool Succeeded,
    double? OffsetMs,
    double? UncertaintyMs,
    double? RoundTripMs,
    int? Stratum,
    string? ReferenceId,
    DateTimeOffset? ServerTime,
    DateTimeOffset? LocalTime,
    double MaximumOffsetMs,
    int Requests,
    int IgnoredReplies,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>
    /// <see cref="OffsetMs"/> as a TimeSpan (source − local; positive = local clock behind). JSON carries
    /// <c>offsetMs</c> only.
    /// </summary>
    [JsonIgnore]
    public TimeSpan? Offset => OffsetMs is { } ms ? TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond)) : null;

    /// <summary>True when the offset is beyond the allowed one (a CLOCK.SKEW finding).</summary>
    public bool IsSkewed => Findings.Any(f => f.Code == FindingCodes.ClockSkew);

    /// <summary>
    /// A local clock reading translated to the source's clock (<c>local + Offset</c>), e.g. to judge a
    /// certificate's validity period by the server's time; null when nothing was measured.
    /// </summary>
    public DateTimeOffset? ToSourceTime(DateTimeOffset localTime) => Offset is { } o ? localTime + o : null;

    public override string ToString() =>
        OffsetMs is { } ms
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Source} {Method} offset {ms:+0.0;-0.0;0} ms")
            : $"{Source} {Method} no measurement";
}
