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

        new(DnsNxDomain, Layer.Dns, Severity.Error,
            "The name does not exist (NXDOMAIN)",
            "Check the name for typos and whether it exists only in another view (an internal zone behind a VPN, split-horizon DNS); a record created just now may be hidden until the negative-cache time in the evidence has passed."),
        new(DnsNoData, Layer.Dns, Severity.Warning,
            "The name exists but has no record of the requested type (NODATA)",
            "Ask for the type the client really uses (A vs AAAA, or the CNAME target), or publish the missing record; the negative answer may be cached for the time in the evidence."),
        new(DnsServFail, Layer.Dns, Severity.Error,
            "The server failed to resolve the name (SERVFAIL)",
            "Read the Extended DNS Error in the evidence if there is one; ask another resolver and the zone's authoritative servers: a SERVFAIL from one resolver only points at it (upstream unreachable, DNSSEC validation failure), from all of them at the zone (lame delegation, broken DNSSEC, zone not loaded)."),
        new(DnsRefused, Layer.Dns, Severity.Error,
            "The server refused to answer (REFUSED)",
            "The server does not serve this client or this name: use the resolver your network assigns (VPN-only resolvers refuse outsiders), or allow this client in the server's access list; an authoritative server refuses names of zones it does not host."),
        new(DnsServerError, Layer.Dns, Severity.Error,
            "The server answered with an error code (FORMERR, NOTIMP, BADVERS, ...)",
            "The server could not handle the query as sent: try without EDNS or DNSSEC options, or another server; the code in the evidence says which part it rejected."),
        new(DnsTimeout, Layer.Dns, Severity.Error,
            "No answer from the DNS server within the timeout",
            "The server is down or unreachable, or a firewall drops DNS (UDP and TCP port 53) on the way: query another server, try TCP (-Tcp / --tcp) and DNS over HTTPS to see which path is blocked."),
        new(DnsUnreachable, Layer.Dns, Severity.Error,
            "The DNS server could not be reached (connection refused, network, TLS or HTTP failure)",
            "Check the server address and port (nothing may listen there), routes and firewalls; for DNS over HTTPS, the TLS or HTTP error in the evidence names the cause (untrusted certificate, proxy, wrong path)."),
        new(DnsMalformedResponse, Layer.Dns, Severity.Error,
            "The server's answer is not a valid DNS message",
            "Something on the path rewrote or replaced the answer (a broken middlebox, a captive portal), or the server is faulty: compare with another server and over another transport (TCP, HTTPS)."),
        new(DnsMismatchedResponse, Layer.Dns, Severity.Warning,
            "Responses that did not match the query were received and ignored",
            "Answers with a wrong id or question mean spoofing attempts or a broken middlebox or NAT on the path; if they recur, query over TCP or DNS over HTTPS and check the network path to the resolver."),
        new(DnsTruncatedTcpBlocked, Layer.Dns, Severity.Error,
            "The answer was truncated over UDP and the TCP retry failed",
            "Allow TCP port 53 to the DNS server (RFC 7766 requires it): large answers (many records, DNSSEC, long TXT) need TCP, and clients get incomplete or no answers without it."),
        new(DnsNoServers, Layer.Dns, Severity.Error,
            "No DNS server is configured",
            "Add a nameserver line to /etc/resolv.conf (or the network settings), or name a server explicitly (-Server / @SERVER); ConnDiag never falls back to a public resolver on its own."),
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
