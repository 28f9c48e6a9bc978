using ConnDiag.Dns;

namespace ConnDiag.Tcp;

/// <summary>How to probe.</summary>
/// <param name="Timeout">Per-connect timeout (and the name lookup's).</param>
/// <param name="Family">Restrict to IPv4 or IPv6 addresses.</param>
/// <param name="CheckLocalOwners">When a connect to this machine is refused, look up the port's listeners and explain why.</param>
public sealed record TcpProbeOptions(TimeSpan Timeout, AddressFamilyFilter Family = AddressFamilyFilter.Any, bool CheckLocalOwners = true)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(300);

    public static TcpProbeOptions Default { get; } = new(DefaultTimeout);
}
