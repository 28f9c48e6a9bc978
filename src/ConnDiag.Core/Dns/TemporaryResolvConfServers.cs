using System.Net;
using ConnDiag.Dns.Transport;

namespace ConnDiag.Dns;

/// <summary>
/// TEMPORARY: the system's DNS servers from the <c>nameserver</c> lines of /etc/resolv.conf, nothing else.
/// It exists only until the resolver configuration (issue 3: resolv.conf with search/options, systemd-resolved,
/// Windows adapters, hosts file; Get-ResolverConfiguration) lands; then Resolve-DnsRecord and `conndiag dns`
/// take their servers from it and this file is deleted. No server found is reported (DNS.NO_SERVERS) by the
/// callers; there is deliberately no fallback to a public resolver.
/// </summary>
public static class TemporaryResolvConfServers
{
    public const string DefaultPath = "/etc/resolv.conf";

    /// <summary>glibc uses at most three nameserver lines (MAXNS).</summary>
    public const int MaxServers = 3;

    /// <summary>The servers (UDP, port 53) in file order, or none with the reason.</summary>
    public static IReadOnlyList<DnsServer> Read(out string? whyNone, string path = DefaultPath)
    {
        whyNone = null;
        string[] lines;
        try
        {
            // resolv.conf is a few hundred bytes; a huge file is not a resolver configuration.
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                whyNone = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()
                    ? $"{path} does not exist"
                    : $"reading this platform's DNS configuration is not implemented yet ({path} does not exist); give -Server / @SERVER";
                return [];
            }
            if (info.Length > 1024 * 1024)
            {
                whyNone = $"{path} is larger than 1 MiB; not read";
                return [];
            }
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            whyNone = $"{path} could not be read: {ex.Message}";
            return [];
        }

        var servers = new List<DnsServer>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (!line.StartsWith("nameserver", StringComparison.Ordinal)) continue;
            var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || parts[0] != "nameserver") continue;
            if (IPAddress.TryParse(parts[1], out var address) && servers.Count < MaxServers)
            {
                servers.Add(DnsServer.Udp(address));
            }
        }
        if (servers.Count == 0) whyNone = $"{path} has no nameserver line with an IP address";
        return servers;
    }
}
