using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Dns.Client;

/// <summary>
/// How <see cref="DnsQueryClient"/> asks. Names follow DnsClient.NET's LookupClientOptions where the meaning
/// is the same (Timeout, Retries, UseTcpFallback, UseTcpOnly, Recursion, ExtendedDnsBufferSize). There is
/// no cache: a diagnostic tool shows what the server says now.
/// </summary>
public sealed record DnsQueryOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(300);
    public const int MaxRetries = 10;

    /// <summary>Per attempt (connect included), like dig's +timeout. Default 5 s.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Extra attempts after a timeout or a transport failure (not after an answer, whatever its code). Default 2.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>Ask again over TCP when a UDP answer comes back truncated (TC=1). Default on.</summary>
    public bool UseTcpFallback { get; init; } = true;

    /// <summary>Send queries for UDP servers over TCP instead.</summary>
    public bool UseTcpOnly { get; init; }

    /// <summary>Set RD: ask the server to recurse. Off for asking an authoritative server about its own data.</summary>
    public bool Recursion { get; init; } = true;

    /// <summary>Set the DO bit (RFC 3225) so DNSSEC records come back and AD says whether the resolver validated.</summary>
    public bool RequestDnssec { get; init; }

    /// <summary>Set CD: ask a validating resolver not to validate (tells a DNSSEC failure from another SERVFAIL).</summary>
    public bool CheckingDisabled { get; init; }

    /// <summary>Send an OPT record (EDNS0). Default on.</summary>
    public bool UseEdns { get; init; } = true;

    /// <summary>UDP payload size offered in the OPT record, 512-4096. Default 1232 (DNS Flag Day 2020).</summary>
    public ushort ExtendedDnsBufferSize { get; init; } = DnsEdns.DefaultUdpPayloadSize;

    /// <summary>Largest response accepted over any transport, in bytes (at most 65535, the DNS limit).</summary>
    public int MaxResponseBytes { get; init; } = ushort.MaxValue;

    /// <summary>Query class; CH for server identity names such as <c>version.bind</c>.</summary>
    public DnsClass QueryClass { get; init; } = DnsClass.IN;

    /// <summary>
    /// Extra root certificates trusted for DNS over HTTPS servers besides the system store (a test or
    /// corporate CA), without installing them anywhere.
    /// </summary>
    public X509Certificate2Collection? HttpsTrustedCertificates { get; init; }

    /// <summary>Send DoH through the system proxy (HTTPS_PROXY and friends). Default on.</summary>
    public bool HttpsUseProxy { get; init; } = true;

    /// <summary>
    /// Bulk mode: UDP queries to the same server share <see cref="UdpSocketsPerServer"/> sockets (each with a
    /// random source port, every query a random id) instead of one fresh socket each. Several times faster for
    /// thousands of names; the cost is that a datagram with an unknown id cannot be tied to one lookup, so it
    /// is counted on the client (<see cref="DnsQueryClient.UnattributedResponses"/>), and timeouts are checked
    /// every 50 ms. Off by default: a diagnosis wants every stray datagram counted on its own attempt.
    /// </summary>
    public bool ShareUdpSockets { get; init; }

    /// <summary>Sockets per server in <see cref="ShareUdpSockets"/> mode, 1-64. Default 1.</summary>
    public int UdpSocketsPerServer { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > MaxTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout,
                string.Create(CultureInfo.InvariantCulture, $"Timeout must be above 0 and at most {MaxTimeout.TotalSeconds} s"));
        }
        if (Retries is < 0 or > MaxRetries)
        {
            throw new ArgumentOutOfRangeException(nameof(Retries), Retries, $"Retries must be 0-{MaxRetries}");
        }
        if (ExtendedDnsBufferSize is < 512 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(ExtendedDnsBufferSize), ExtendedDnsBufferSize, "ExtendedDnsBufferSize must be 512-4096");
        }
        if (UdpSocketsPerServer is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(UdpSocketsPerServer), UdpSocketsPerServer, "UdpSocketsPerServer must be 1-64");
        }
        if (MaxResponseBytes is < 512 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), MaxResponseBytes, "MaxResponseBytes must be 512-65535");
        }
    }
}
