using System.Net;

namespace ConnDiag.Dns.Configuration;

/// <summary>A DNS server the system resolver is configured to ask, and where that was configured.</summary>
/// <param name="Address">The server address (port 53); an IPv6 link-local address keeps its zone as <see cref="IPAddress.ScopeId"/> when the interface exists here.</param>
/// <param name="Zone">The zone (scope id) as written after '%' (<c>eth0</c>, <c>2</c>), or null.</param>
/// <param name="Source">The file it was read from (<c>/etc/resolv.conf</c>), or <c>adapter NAME</c> on Windows.</param>
/// <param name="Line">1-based line in <paramref name="Source"/>; null for adapters.</param>
public sealed record NameServerEntry(IPAddress Address, string? Zone, string Source, int? Line)
{
    public override string ToString() => Zone is null || Address.ScopeId != 0 ? Address.ToString() : $"{Address}%{Zone}";
}
