using ConnDiag.Dns.Configuration;
using ConnDiag.Dns.Transport;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Dns.Client;

/// <summary>
/// The system resolver configuration as ConnDiag's client uses it: its servers (UDP, port 53, in order; with
/// systemd-resolved or Docker that is the stub, which is what the C library asks too) and the hosts-file check
/// that goes next to a DNS answer.
/// </summary>
public static class ConfiguredServers
{
    /// <summary>The configured servers in order; empty when none is configured (see <see cref="NoServers"/>).</summary>
    public static IReadOnlyList<DnsServer> From(ResolverConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Servers.Select(s => DnsServer.Udp(s.Address)).ToList();
    }

    /// <summary>DNS.NO_SERVERS for a configuration without servers: the reader's own finding when it made one.</summary>
    public static Finding NoServers(ResolverConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Findings.FirstOrDefault(f => f.Code == FindingCodes.DnsNoServers)
            ?? DnsFindings.NoServers($"{config.ResolvConfPath ?? "the system configuration"} names no DNS server");
    }

    /// <summary>
    /// <paramref name="answer"/> with DNS.HOSTS_OVERRIDE added when the hosts file answers its name before DNS
    /// (under the configuration's lookup order); the answer itself unchanged otherwise.
    /// </summary>
    public static DnsAnswer WithHostsCheck(DnsAnswer answer, ResolverConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(config);
        var name = answer.Name.Length > 1 ? answer.Name.TrimEnd('.') : answer.Name;
        if (answer.Type is not (Wire.DnsRecordType.A or Wire.DnsRecordType.AAAA)) return answer;
        return HostsOverride.Check(name, config) is { } finding
            ? answer with { Findings = [.. answer.Findings, finding] }
            : answer;
    }
}
