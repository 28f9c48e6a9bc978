using System.Net;

namespace ConnDiag.Clock.Ntp;

/// <summary>How an SNTP query ended.</summary>
internal enum NtpOutcome
{
    /// <summary>A valid server reply arrived: offset and delay are measured.</summary>
    Answered,

    /// <summary>The server answered with stratum 0: a kiss-o'-death code instead of time.</summary>
    KissOfDeath,

    /// <summary>Every address refused (ICMP port unreachable) or could not be sent to.</summary>
    Unreachable,

    /// <summary>No valid reply within the timeout on any attempt.</summary>
    NoAnswer,
}

/// <summary>
/// What one SNTP query established. On <see cref="NtpOutcome.Answered"/>, <see cref="OffsetMs"/> is
/// θ = ((T2 − T1) + (T3 − T4)) / 2, the server's clock minus the local clock, and <see cref="DelayMs"/> is
/// δ = (T4 − T1) − (T3 − T2), the round trip without the server's processing time (RFC 4330 §5).
/// </summary>
internal sealed record NtpExchange(
    NtpOutcome Outcome,
    IPEndPoint? Endpoint,
    NtpPacket? Reply,
    double OffsetMs,
    double DelayMs,
    DateTimeOffset? LocalTime,
    int Requests,
    int IgnoredReplies,
    string? FirstIgnoredReason,
    string Detail);
