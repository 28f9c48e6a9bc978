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

        new(TlsHandshakeFailed, Layer.Tls, Severity.Error,
            "The TLS handshake failed",
            "Read the alert and error in the evidence: a handshake_failure alert usually means no common cipher suite or a required client certificate; certificate_required means the server wants mutual TLS; a closed connection without an answer often means the server rejected the SNI name (try -ServerName / --server-name)."),
        new(TlsProtocolMismatch, Layer.Tls, Severity.Error,
            "Client and server have no TLS version in common",
            "Enable TLS 1.2 and TLS 1.3 on the server (TLS 1.0/1.1 are disabled in current clients), or allow the server's version in the client; the protocol checks in the report show which versions the server accepts."),
        new(TlsNotTls, Layer.Tls, Severity.Error,
            "The peer answered the TLS ClientHello with something that is not TLS",
            "The port speaks another protocol (often plain HTTP): use http:// instead of https://, or the port the service serves TLS on, or put TLS in front of it (reverse proxy)."),
        new(TlsHandshakeTimeout, Layer.Tls, Severity.Error,
            "The server accepted the connection but did not complete the TLS handshake in time",
            "Something accepts TCP on the port but does not answer the ClientHello: a service that waits for the client to speak another protocol, a stalled or overloaded server, or a middlebox holding the connection. Check what listens on the port (Get-PortOwner) and its logs."),
        new(TlsCertExpired, Layer.Tls, Severity.Error,
            "A certificate in the chain has expired",
            "Renew the certificate (or install the current intermediate) and reload the server; if the date looks wrong, check this machine's clock first (Test-ClockSkew)."),
        new(TlsCertNotYetValid, Layer.Tls, Severity.Error,
            "A certificate in the chain is not valid yet",
            "The certificate was deployed before its start date, or this machine's clock is behind: check the clock first (Test-ClockSkew), then the certificate's NotBefore."),
        new(TlsExpiresSoon, Layer.Tls, Severity.Warning,
            "A certificate in the chain expires soon",
            "Renew it before it expires, and check that automatic renewal (ACME/certbot, the load balancer's managed certificate) runs and reloads the server."),
        new(TlsNameMismatch, Layer.Tls, Severity.Error,
            "The certificate is not valid for the name connected to",
            "Connect with a name the certificate lists, or reissue it with the name in subjectAltName (IP addresses need IP entries; a wildcard covers exactly one label). If the server hosts several names, check that the client sends the right SNI name (-ServerName)."),
        new(TlsChainIncomplete, Layer.Tls, Severity.Error,
            "The server sent an incomplete chain: the leaf's issuer is missing",
            "Configure the server to send the intermediate certificates with the leaf (the full chain file, e.g. fullchain.pem; nginx ssl_certificate, Apache SSLCertificateFile with the chain). Browsers may hide this by fetching the intermediate; most API clients do not."),
        new(TlsUntrustedRoot, Layer.Tls, Severity.Error,
            "The chain leads to a root that is not trusted",
            "If the root is your organisation's private CA, trust it (install it in the system store, or pass it with -CaBundle / --ca-bundle; Node.js clients need NODE_EXTRA_CA_CERTS); otherwise the server presents a chain from a CA clients do not know: get a certificate from a public CA."),
        new(TlsSelfSigned, Layer.Tls, Severity.Error,
            "The server's certificate is self-signed",
            "Replace it with a certificate from a trusted CA, or trust this exact certificate explicitly in the client (pass it with -CaBundle / --ca-bundle, NODE_EXTRA_CA_CERTS). Never turn certificate validation off to get past it."),
        new(TlsIntercepted, Layer.Tls, Severity.Error,
            "The connection is intercepted by a TLS-inspecting proxy or security product",
            "The chain is issued by an inspection product or a private root, not by the site's CA. Clients with their own CA bundle (Node.js and Claude Code, Python, curl --cacert) need the inspection root: get it from IT and point NODE_EXTRA_CA_CERTS / REQUESTS_CA_BUNDLE / --cacert at it, or ask for the host to be exempted from inspection."),
        new(TlsRevoked, Layer.Tls, Severity.Error,
            "A certificate in the chain has been revoked",
            "The issuing CA revoked the certificate: the server must get and install a new one. Do not work around it; a revoked certificate may have a compromised key."),
        new(TlsRevocationUnknown, Layer.Tls, Severity.Warning,
            "The revocation status of a certificate could not be checked",
            "The CRL or OCSP responder named in the certificate could not be reached or gave no usable answer: check that this machine can reach the URLs in the evidence (proxy, firewall), or run without -CheckRevocation."),
        new(TlsWeakSignature, Layer.Tls, Severity.Error,
            "A certificate is signed with a broken hash algorithm (SHA-1 or MD5)",
            "Reissue the certificate (and any intermediate in the evidence) with a SHA-256 signature; current clients reject SHA-1 and MD5 signed certificates."),
        new(TlsWeakKey, Layer.Tls, Severity.Error,
            "A certificate has a key that is too small",
            "Reissue the certificate with an RSA key of at least 2048 bits or an EC key of at least 256 bits (P-256); current clients reject smaller keys."),
        new(TlsChainInvalid, Layer.Tls, Severity.Error,
            "The chain fails validation for another reason",
            "Read the chain status in the evidence (e.g. a bad signature, a CA certificate without CA:TRUE, a missing serverAuth usage) and reissue the certificate the evidence names."),
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
