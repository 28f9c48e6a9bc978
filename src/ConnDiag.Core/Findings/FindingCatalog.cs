using ConnDiag.Model;
using static ConnDiag.Findings.FindingCodes;

namespace ConnDiag.Findings;

/// <summary>
/// Every finding code ConnDiag can produce, with its layer, severity, title and standard remedy.
/// docs/findings.md is checked against this table by a test; log classification, cmdlet error ids
/// and reports all speak these codes.
/// </summary>
public static class FindingCatalog
{
    private static readonly FindingDefinition[] Definitions =
    [
        new(DnsLookupFailed, Layer.Dns, Severity.Error,
            "The system resolver could not resolve the name",
            "Check the name for typos, then the resolver configuration (/etc/resolv.conf, VPN DNS); query the configured servers directly to see their answer."),
        new(DnsNoAddress, Layer.Dns, Severity.Error,
            "The name has no address of the requested family",
            "Drop -IPv4/-IPv6 (--ipv4/--ipv6), or publish an A/AAAA record for the family the client uses."),

        new(TcpRefused, Layer.Tcp, Severity.Error,
            "Connection refused (RST or ICMP port unreachable)",
            "Nothing accepts connections on that address and port: start the service, or check which address and port it listens on (Get-PortOwner)."),
        new(TcpFiltered, Layer.Tcp, Severity.Error,
            "No answer to the connection attempt within the timeout",
            "A firewall drops the packets or the host is down: check firewall rules on both ends and security groups; raise the timeout only if the path is known to be slow."),
        new(TcpHostUnreachable, Layer.Tcp, Severity.Error,
            "The host is unreachable (ICMP host unreachable or no ARP/ND answer)",
            "Check that the host is up and on the expected network; a router or the local link reported that it cannot deliver to it."),
        new(TcpNetworkUnreachable, Layer.Tcp, Severity.Error,
            "No route to the network",
            "This machine (or a router on the path) has no route to the address: check the routing table, VPN state and default gateway."),
        new(TcpAdminProhibited, Layer.Tcp, Severity.Error,
            "A firewall rejected the connection (ICMP administratively prohibited)",
            "A firewall rule rejects this destination explicitly: find the rule (the ICMP source in the evidence names the device) and allow the port."),
        new(TcpPartial, Layer.Tcp, Severity.Warning,
            "Some addresses of the name accept connections and others do not",
            "Clients that try only one address will fail intermittently: fix or remove the failing addresses from DNS."),
        new(TcpIpv6Broken, Layer.Tcp, Severity.Warning,
            "Every IPv6 address fails while IPv4 works",
            "Clients that prefer IPv6 without fallback (older Node.js, some proxies) will fail: fix IPv6 routing/firewalling, remove the AAAA records, or make the service listen on IPv6."),
        new(TcpError, Layer.Tcp, Severity.Error,
            "The connection attempt failed with an unexpected socket error",
            "Read the socket error in the evidence; it is not one of the usual refused/filtered/unreachable cases."),

        new(LocalNotListening, Layer.Local, Severity.Error,
            "Nothing on this machine listens on the port",
            "Start the service (check its logs for a bind error), or point the client at the port the service really uses."),
        new(LocalLoopbackOnly, Layer.Local, Severity.Error,
            "The service listens on loopback only, but was reached through another address",
            "Make the service bind to 0.0.0.0/:: (or the specific interface address), or connect through 127.0.0.1/::1."),
        new(LocalWrongFamily, Layer.Local, Severity.Error,
            "The service listens on the other IP family only",
            "Connect to the address family the service listens on (e.g. 127.0.0.1 instead of localhost), or make the service listen on both IPv4 and IPv6."),
        new(LocalPortInUse, Layer.Local, Severity.Error,
            "The port is already in use by another socket",
            "Stop the process that holds the port (Get-PortOwner PORT | Stop-Process -WhatIf) or configure the service to use another port."),
        new(LocalOwnerHidden, Layer.Local, Severity.Info,
            "A socket's owning process is not visible to this user",
            "Run again with elevated privileges (root / Administrator) to see processes of other users."),

        new(ClockSkew, Layer.Clock, Severity.Error,
            "The local clock differs from the time source by more than the allowed offset",
            "Turn on time synchronization and step the clock once: Linux 'timedatectl set-ntp true' (systemd-timesyncd) or 'chronyc makestep' (chrony); Windows 'w32tm /resync'; macOS 'sntp -sS time.apple.com'. A skewed clock makes valid certificates look expired or not yet valid and signed requests and tokens fail."),
        new(ClockNoResponse, Layer.Clock, Severity.Error,
            "The time source gave no answer",
            "Check the server name and port (NTP is UDP port 123) and that a firewall lets the traffic through; try another NTP server or an HTTP(S) URL (-Uri / --url)."),
        new(ClockKissOfDeath, Layer.Clock, Severity.Error,
            "The NTP server refused to serve time (kiss-o'-death)",
            "The server denies this client or limits its rate (the kiss code in the evidence says which): wait before asking again, or use another NTP server."),
        new(ClockServerUnsynchronized, Layer.Clock, Severity.Error,
            "The NTP server says its own clock is not synchronized",
            "Its time cannot be trusted, so no offset was judged: use another NTP server, or fix the server's own time sources."),
        new(ClockNoDate, Layer.Clock, Severity.Error,
            "The HTTP response has no usable Date header",
            "Use another URL (most web servers send Date on every response) or an NTP server (-NtpServer / --ntp)."),

        new(DnsNoServers, Layer.Dns, Severity.Error,
            "No DNS server is configured",
            "Configure a DNS server: a nameserver line in /etc/resolv.conf (or the tool that writes it: NetworkManager, systemd-resolved, DHCP), or the network adapter's DNS settings on Windows. ConnDiag does not fall back to a public resolver."),
        new(DnsHostsOverride, Layer.Dns, Severity.Warning,
            "The hosts file answers the name before DNS is asked",
            "If the entry is stale (a test, migration or ad-blocking leftover), remove or fix that hosts-file line; while it is there, clients use its address whatever DNS says."),
    ];

    private static readonly Dictionary<string, FindingDefinition> ByCode =
        Definitions.ToDictionary(d => d.Code, StringComparer.Ordinal);

    /// <summary>All definitions, in catalogue order.</summary>
    public static IReadOnlyList<FindingDefinition> All => Definitions;

    public static bool Contains(string code) => ByCode.ContainsKey(code);

    public static FindingDefinition Get(string code) =>
        ByCode.TryGetValue(code, out var d) ? d : throw new KeyNotFoundException($"Unknown finding code '{code}'.");

    /// <summary>Makes a finding with the catalogue's layer and severity; the remedy may be made more specific.</summary>
    public static Finding Create(string code, string summary, string evidence, string? remedy = null)
    {
        var d = Get(code);
        return new Finding(d.Code, d.Layer, d.Severity, summary, evidence, remedy ?? d.Remedy);
    }
}
