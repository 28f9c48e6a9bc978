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

        new(HttpUnauthorized, Layer.Http, Severity.Error,
            "The server requires authentication (401)",
            "Send valid credentials in a scheme the server offers (WWW-Authenticate, in the evidence): check that the key or token is current, complete (no stray whitespace or quotes) and sent in the header the service expects."),
        new(HttpForbidden, Layer.Http, Severity.Error,
            "The server refused the request (403)",
            "The credentials were understood but lack permission, or an access rule (IP allow-list, WAF, region) blocks this client: check the key's scope and the service's access rules; the body preview often says which."),
        new(HttpNotFound, Layer.Http, Severity.Error,
            "The path does not exist on the server (404)",
            "Check the URL path and the base URL (a missing or doubled prefix such as /v1 is the usual cause), and that the request reached the intended server."),
        new(HttpMethodNotAllowed, Layer.Http, Severity.Error,
            "The server does not allow this method on the path (405)",
            "Use one of the methods the server lists in Allow (in the evidence); a 405 on an API call often means the URL points at the wrong route."),
        new(HttpRateLimited, Layer.Http, Severity.Warning,
            "The server is rate limiting the client (429)",
            "The connection and credentials work; wait for Retry-After before retrying, lower the request rate or concurrency, or raise the quota."),
        new(HttpServerError, Layer.Http, Severity.Error,
            "The server failed while handling the request (5xx)",
            "The fault is on the server side: check its logs around the time of the request; retry later if it is intermittent."),
        new(HttpBadGateway, Layer.Http, Severity.Error,
            "A gateway or reverse proxy could not get an answer from its backend (502)",
            "The proxy in front of the service is up but its upstream is not: check that the backend runs and listens where the proxy points (proxy_pass, the load balancer's target)."),
        new(HttpServiceUnavailable, Layer.Http, Severity.Error,
            "The service is temporarily unavailable (503)",
            "The server is overloaded or in maintenance: retry after the Retry-After delay; if it persists, check the service's health and capacity."),
        new(HttpGatewayTimeout, Layer.Http, Severity.Error,
            "A gateway or reverse proxy timed out waiting for its backend (504)",
            "The backend is reachable but slower than the proxy's timeout: check the backend's load and latency, or raise the proxy's read timeout (proxy_read_timeout) if slow answers are expected."),
        new(HttpUnexpectedStatus, Layer.Http, Severity.Error,
            "The response status is not the expected one",
            "Compare the status with what the endpoint should return (-ExpectStatus); the body preview in the evidence usually says why."),
        new(HttpUnexpectedBody, Layer.Http, Severity.Error,
            "The response body does not match the expected pattern",
            "The endpoint answered, but not with the expected content: read the body preview (an error page, a login page or a captive portal are common causes)."),
        new(HttpSlow, Layer.Http, Severity.Warning,
            "The response took longer than the threshold",
            "See the phases in the evidence for where the time went (DNS, connect, TLS, server time to first byte, transfer) and fix that layer; beyond the critical threshold (-CriticalMs) this is an error."),
        new(HttpReset, Layer.Http, Severity.Error,
            "The connection broke in the middle of the response",
            "The server or a proxy on the path dropped the connection while answering: check the server's logs for crashes or timeouts, and proxies or load balancers for idle or size limits."),
        new(HttpPlaintextOnTlsPort, Layer.Http, Severity.Error,
            "An https URL reached a server that speaks plain HTTP",
            "Use http:// for this port, or enable TLS on the server (or point the URL at its TLS port)."),
        new(HttpTlsOnPlainPort, Layer.Http, Severity.Error,
            "An http URL reached a server that expects TLS",
            "Use https:// for this port, or point the URL at the server's plain HTTP port."),
        new(HttpRedirectOffHost, Layer.Http, Severity.Warning,
            "A redirect led to another host; credentials were not sent there",
            "Point the client at the final URL directly so credentials reach the host that serves the request; if the redirect is unexpected, check the server's redirect rules."),
        new(HttpCorsDenied, Layer.Http, Severity.Error,
            "A browser would block this cross-origin request",
            "Configure the server to allow the origin, method and headers named in the evidence (Access-Control-Allow-Origin, -Methods, -Headers, and -Credentials for credentialed requests)."),
        new(HttpTimeout, Layer.Http, Severity.Error,
            "No complete answer within the timeout",
            "The server accepted the connection but did not answer in time (the evidence names the phase): check the server's load and logs; raise the timeout only if slow answers are expected."),
        new(HttpHeadersTooLarge, Layer.Http, Severity.Error,
            "The response headers exceed the size limit",
            "The server sends more header bytes than the limit allows (huge cookies, or a proxy repeating headers): fix the server, or raise the limit (MaxResponseHeadersKiB) if that size is intended."),
        new(HttpTooManyRedirects, Layer.Http, Severity.Error,
            "Redirects did not end within the limit",
            "The chain in the evidence loops or is too long: fix the redirect rules (often an http/https or trailing-slash rule fighting a proxy), or raise the limit."),
        new(HttpEmptyReply, Layer.Http, Severity.Error,
            "The server closed the connection without answering",
            "The server accepted the request but sent nothing back: check its logs (a crash, a rejected request, a connection limit) and that the port really serves HTTP."),
        new(HttpTlsFailed, Layer.Http, Severity.Error,
            "The TLS handshake for the request failed",
            "Run the TLS check (Test-TlsChain, conndiag tls) for the chain analysis; for a private CA pass its bundle (-CaBundle)."),
        new(HttpProtocolError, Layer.Http, Severity.Error,
            "The server's answer is not valid HTTP",
            "Something other than an HTTP server answers on this port, or a broken proxy mangles the response: check what listens there (the first bytes are in the evidence)."),
        new(HttpBodyTruncated, Layer.Http, Severity.Info,
            "The response body is larger than the read cap; reading stopped there",
            "Nothing is wrong with the server; raise the body cap (MaxBodyBytes) if the whole body must be checked."),
        new(TcpReset, Layer.Tcp, Severity.Error,
            "The connection was reset before any response",
            "The server, or a firewall or IPS on the path, accepted the connection and then aborted it: check the server's logs and connection limits, and whether a middlebox filters this host or its TLS server name."),
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
