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

        new(ProxyConnectFailed, Layer.Proxy, Severity.Error,
            "The proxy could not be reached, or it refused the tunnel",
            "Check the proxy URL (scheme, host, port) and that the proxy runs and is reachable from here; the evidence names the socket error or the status the proxy sent."),
        new(ProxyAuthRequired, Layer.Proxy, Severity.Error,
            "The proxy requires authentication (407)",
            "Give credentials for a scheme the proxy offers (http://user:password@proxy:port, or the credential option). Clients such as Claude Code only do Basic: a proxy that offers only NTLM or Negotiate needs a local relay (e.g. cntlm) or an exception for the host."),
        new(ProxyForbidden, Layer.Proxy, Severity.Error,
            "The proxy's policy refuses the target (403)",
            "Ask the proxy's administrators to allow the host and port (the proxy's page in the evidence often names the rule), or add the host to NO_PROXY if it is reachable directly."),
        new(ProxyUpstreamFailed, Layer.Proxy, Severity.Error,
            "The proxy could not reach the target (502, 503 or 504)",
            "The proxy answers but cannot connect to the target: check the target's name and port, and the proxy's own DNS and firewall; compare with a direct connection."),
        new(ProxyBypassed, Layer.Proxy, Severity.Info,
            "A NO_PROXY entry sends this target around the proxy",
            "Nothing to do if the target is reachable directly; if it is not, remove the matching entry from NO_PROXY."),
        new(ProxyLoop, Layer.Proxy, Severity.Error,
            "The proxy is the target itself",
            "The proxy setting points at the service being tested (for example a local router whose proxy variable names its own port): add the target to NO_PROXY, or point the variable at the real proxy."),
        new(ProxySocksUnsupported, Layer.Proxy, Severity.Warning,
            "A SOCKS proxy: it accepts connections, but ConnDiag does not tunnel through SOCKS",
            "Check the way through it with curl --proxy socks5h://HOST:PORT; Claude Code does not support SOCKS proxies, so give it an HTTP proxy instead."),
        new(ProxyUrlInvalid, Layer.Proxy, Severity.Error,
            "The configured proxy URL cannot be used",
            "Fix the variable or option named in the finding: [http|https|socks5h]://[user:password@]host[:port]. Clients fail every proxied request while it is invalid."),
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
