using System.Net;

namespace ConnDiag.Dns;

/// <summary>Which IP families a probe may use.</summary>
public enum AddressFamilyFilter { Any, IPv4, IPv6 }

/// <summary>Outcome of turning a host name into addresses.</summary>
/// <param name="Addresses">Addresses in resolver order (empty on failure).</param>
/// <param name="DurationMs">Time the lookup took (0 for IP literals).</param>
/// <param name="Error">Why the lookup failed, or null.</param>
/// <param name="Source">Who answered: <c>literal</c>, <c>system</c>, or a resolver description.</param>
public sealed record AddressResolution(IReadOnlyList<IPAddress> Addresses, double DurationMs, string? Error, string Source)
{
    public bool Succeeded => Error is null;

    /// <summary>
    /// The precise finding code of a failure when the resolver knows it (DNS.NXDOMAIN, DNS.SERVFAIL, DNS.TIMEOUT,
    /// DNS.NO_SERVERS, ...); null when it does not (getaddrinfo), and probes report DNS.LOOKUP_FAILED.
    /// </summary>
    public string? ErrorCode { get; init; }
}

/// <summary>
/// The resolve step of every probe. The system resolver is the first implementation; ConnDiag's own
/// DNS client plugs in here too, so probes never care which one answered.
/// </summary>
public interface IAddressResolver
{
    Task<AddressResolution> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken);
}
