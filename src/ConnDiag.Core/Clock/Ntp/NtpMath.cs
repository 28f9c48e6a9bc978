namespace ConnDiag.Clock.Ntp;

/// <summary>The on-wire offset and delay formulas of RFC 4330 §5 / RFC 5905 §8.</summary>
internal static class NtpMath
{
    /// <summary>θ = ((T2 − T1) + (T3 − T4)) / 2: positive when the server's clock is ahead of the local one.</summary>
    public static double OffsetMs(NtpTimestamp t1, NtpTimestamp t2, NtpTimestamp t3, NtpTimestamp t4) =>
        (NtpTimestamp.DifferenceMs(t2, t1) + NtpTimestamp.DifferenceMs(t3, t4)) / 2;

    /// <summary>δ = (T4 − T1) − (T3 − T2): the network round trip, excluding the server's processing time.</summary>
    public static double DelayMs(NtpTimestamp t1, NtpTimestamp t2, NtpTimestamp t3, NtpTimestamp t4) =>
        NtpTimestamp.DifferenceMs(t4, t1) - NtpTimestamp.DifferenceMs(t3, t2);
}
