using ConnDiag.Dns;

namespace ConnDiag.Tls;

/// <summary>How to probe a TLS endpoint.</summary>
/// <param name="Timeout">Limit for the name lookup, each TCP connect and each handshake.</param>
/// <param name="Chain">How to judge the chain (trust, revocation, expiry threshold, clock offset).</param>
/// <param name="ServerName">SNI name and the name the certificate must match; null uses the target's host.</param>
/// <param name="Family">Restrict to IPv4 or IPv6 addresses.</param>
/// <param name="CheckProtocolSupport">Also find out whether the server accepts TLS 1.2 and TLS 1.3, with a ClientHello offering only that version for each one the main handshake did not prove.</param>
/// <param name="ClientVersions">Versions the main handshake may use (as a client configured that way would); null lets the platform choose.</param>
/// <param name="ClockCheck">A time source (NTP server or URL) to measure the clock against when a certificate fails only on its dates; null skips that.</param>
public sealed record TlsProbeOptions(
    TimeSpan Timeout,
    TlsChainOptions Chain,
    string? ServerName = null,
    AddressFamilyFilter Family = AddressFamilyFilter.Any,
    bool CheckProtocolSupport = true,
    IReadOnlyList<TlsVersion>? ClientVersions = null,
    Clock.ClockSource? ClockCheck = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(300);
    public const int DefaultPort = 443;

    public static TlsProbeOptions Default { get; } = new(DefaultTimeout, TlsChainOptions.Default);
}
