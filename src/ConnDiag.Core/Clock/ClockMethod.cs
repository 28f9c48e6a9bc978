namespace ConnDiag.Clock;

/// <summary>How the local clock was compared with a time source.</summary>
public enum ClockMethod
{
    /// <summary>SNTP (RFC 4330) query to an NTP server over UDP: millisecond accuracy.</summary>
    Ntp,

    /// <summary>The <c>Date</c> header of an HTTP(S) response: whole seconds only (±1 s resolution).</summary>
    HttpDate,
}
