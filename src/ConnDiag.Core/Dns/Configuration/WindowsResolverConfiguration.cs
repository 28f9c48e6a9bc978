using System.Net;
using System.Net.NetworkInformation;

namespace ConnDiag.Dns.Configuration;

/// <summary>The DNS settings of one network adapter (Windows).</summary>
/// <param name="Name">The adapter's name.</param>
/// <param name="DnsServers">Its DNS servers in order.</param>
/// <param name="DnsSuffix">Its connection-specific DNS suffix, or empty.</param>
public sealed record AdapterDns(string Name, IReadOnlyList<IPAddress> DnsServers, string DnsSuffix);

/// <summary>
/// Windows: DNS servers and suffixes per adapter from .NET's network-interface API (GetAdaptersAddresses
/// underneath), the hosts file under the system directory, hosts file first. Not tested on Windows where
/// ConnDiag is built; the global suffix search list, NRPT rules and the DNS client cache are not read.
/// </summary>
internal static class WindowsResolverConfiguration
{
    /// <summary>The adapters that are up, with their DNS settings.</summary>
    public static IReadOnlyList<AdapterDns> ReadAdapters()
    {
        var result = new List<AdapterDns>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
            var properties = nic.GetIPProperties();
            result.Add(new AdapterDns(nic.Name, [.. properties.DnsAddresses], properties.DnsSuffix ?? ""));
        }
        return result;
    }

    /// <summary>Servers and search list from the adapters, each tagged "adapter NAME".</summary>
    public static (List<NameServerEntry> Servers, List<SearchDomain> Search) FromAdapters(IReadOnlyList<AdapterDns> adapters)
    {
        var servers = new List<NameServerEntry>();
        var search = new List<SearchDomain>();
        foreach (var a in adapters)
        {
            var source = "adapter " + a.Name;
            foreach (var s in a.DnsServers)
            {
                // Windows lists fec0:0:0:ffff::1-3 on adapters without IPv6 DNS: well-known placeholders, never real servers.
                if (s.ToString().StartsWith("fec0:0:0:ffff::", StringComparison.OrdinalIgnoreCase)) continue;
                servers.Add(new NameServerEntry(s, null, source, null));
            }
            if (a.DnsSuffix.Length > 0 && !search.Any(d => string.Equals(d.Name, a.DnsSuffix, StringComparison.OrdinalIgnoreCase)))
            {
                search.Add(new SearchDomain(a.DnsSuffix, source, null));
            }
        }
        return (servers, search);
    }

    /// <summary>The fixed lookup order of the Windows DNS client: the hosts file, then DNS.</summary>
    public static IReadOnlyList<LookupSource> LookupOrder { get; } =
    [
        new LookupSource("files", [], "Windows DNS Client (hosts file first)", null),
        new LookupSource("dns", [], "Windows DNS Client (hosts file first)", null),
    ];
}
