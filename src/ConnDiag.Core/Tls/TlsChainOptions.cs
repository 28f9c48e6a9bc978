namespace ConnDiag.Tls;

/// <summary>How a certificate chain is judged (online and offline alike).</summary>
public sealed record TlsChainOptions
{
    public const int DefaultMinimumDaysValid = 14;
    public static readonly TimeSpan DefaultRevocationTimeout = TimeSpan.FromSeconds(5);

    public static TlsChainOptions Default { get; } = new();

    /// <summary>The roots a chain must lead to (system store by default).</summary>
    public TlsTrust Trust { get; init; } = TlsTrust.System;

    /// <summary>Fetch CRLs (and OCSP where the platform does) for the leaf and intermediates.</summary>
    public bool CheckRevocation { get; init; }

    /// <summary>A certificate expiring within this many days gets TLS.EXPIRES_SOON.</summary>
    public int MinimumDaysValid { get; init; } = DefaultMinimumDaysValid;

    /// <summary>
    /// The client does not validate certificates (-SkipCertificateCheck): problems are still reported, as
    /// warnings, and the report says validation was off.
    /// </summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>
    /// The measured offset of this machine's clock against a reference (an NTP server or an HTTP Date
    /// header): reference time minus local time, so a positive offset means the local clock is behind.
    /// When given, a certificate that is expired or not yet valid by the local clock but valid by the
    /// corrected clock (local time + offset) is reported with the clock as the cause.
    /// </summary>
    public TimeSpan? ClockOffset { get; init; }

    /// <summary>Limit for each CRL/OCSP download when <see cref="CheckRevocation"/> is on.</summary>
    public TimeSpan RevocationTimeout { get; init; } = DefaultRevocationTimeout;
}
