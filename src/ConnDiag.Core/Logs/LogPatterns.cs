using System.Text.RegularExpressions;
using static ConnDiag.Findings.FindingCodes;

namespace ConnDiag.Logs;

/// <summary>
/// The one table that maps log messages to finding codes. The first matching row wins, so rows that are a
/// special case of a later, wider row come first (nginx's upstream lines before the plain errno texts, a
/// self-signed certificate <em>in the chain</em> before a self-signed leaf, the DNS form of "i/o timeout"
/// before the connect form). Each row is tested against the message text real tools print
/// (tests/ConnDiag.Core.Tests/Logs/Fixtures/messages.tsv).
/// </summary>
public static class LogPatterns
{
    /// <summary>A match that takes longer than this is treated as no match (a pathological line must not stall a scan).</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private static LogPattern Row(string rule, string code, string tool, string pattern) =>
        new(rule, code, tool, new Regex(pattern,
            RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout));

    // An HTTP status as logs show it: the combined/common access-log format ("GET /x HTTP/1.1" 502 157),
    // Python's HTTPError, curl -f, axios/fetch wrappers ("status code 429"), and "NNN Reason" pairs.
    private static string Status(int status, string reason) =>
        $@"""[A-Z]+ [^""]*"" {status} |HTTP Error {status}\b|returned error: {status}\b|status(?:[ _-]?code)?[""']?\s*[:=]?\s*{status}\b|\b{status} {reason}\b|\bAPI Error: {status}\b";

    /// <summary>All rows, in match order.</summary>
    public static IReadOnlyList<LogPattern> All { get; } =
    [
        // Resources first: an OOM report often also mentions the connections the process was serving.
        Row("node-heap-oom", LocalOutOfMemory, "Node.js", @"JavaScript heap out of memory"),
        Row("kernel-oom-kill", LocalOutOfMemory, "Linux kernel", @"\bOut of memory: Killed process\b|\binvoked oom-killer\b|\boom-kill:"),
        Row("systemd-oom-kill", LocalOutOfMemory, "systemd", @"Failed with result 'oom-kill'|killed by the OOM killer"),
        Row("runtime-oom", LocalOutOfMemory, "Java, .NET, Python", @"java\.lang\.OutOfMemoryError|System\.OutOfMemoryException|^\s*MemoryError\b"),

        Row("port-in-use", LocalPortInUse, "Node.js, Python, Go, .NET, nginx",
            @"\bEADDRINUSE\b|address already in use|Only one usage of each socket address"),

        // nginx error log: which upstream step failed decides the layer.
        Row("nginx-upstream-refused", TcpRefused, "nginx", @"connect\(\) failed \(111: Connection refused\) while connecting to upstream"),
        Row("nginx-upstream-connect-timeout", TcpFiltered, "nginx", @"upstream timed out \(110: (?:Connection|Operation) timed out\) while connecting to upstream"),
        Row("nginx-upstream-read-timeout", HttpGatewayTimeout, "nginx", @"upstream timed out \(110: (?:Connection|Operation) timed out\) while (?:reading|sending)"),
        Row("nginx-upstream-closed", HttpBadGateway, "nginx", @"upstream prematurely closed connection|no live upstreams"),
        Row("nginx-ssl-handshake", TlsHandshakeFailed, "nginx", @"SSL_do_handshake\(\) failed"),

        // DNS before TCP: Go writes "lookup NAME on SERVER: i/o timeout", which the TCP timeout row would also match.
        Row("go-dns-no-such-host", DnsNxDomain, "Go", @"\blookup \S+(?: on \S+)?: no such host"),
        Row("go-dns-timeout", DnsTimeout, "Go", @"\blookup \S+ on \S+: (?:read udp \S+->\S+: )?i/o timeout"),
        Row("dns-not-found", DnsNxDomain, "Node.js, Python, .NET, glibc",
            @"\bENOTFOUND\b|Name or service not known|\[Errno -2\]|No such host is known|nodename nor servname provided"),
        Row("dns-no-address", DnsNoAddress, "Python, glibc", @"No address associated with hostname|\bENODATA\b"),
        Row("dns-temporary-failure", DnsLookupFailed, "Node.js, Python, .NET, glibc",
            @"\bEAI_AGAIN\b|Temporary failure in name resolution|\[Errno -3\]|Resource temporarily unavailable \(\S+:\d+\)"),
        Row("curl-resolve", DnsLookupFailed, "curl", @"curl: \(6\)|Could not resolve host"),

        // TLS: the specific verification failures, then handshake-level failures, then the generic verify failure.
        Row("tls-self-signed-in-chain", TlsUntrustedRoot, "OpenSSL (curl, Python, Node.js)",
            @"self[- ]signed certificate in certificate chain|\bSELF_SIGNED_CERT_IN_CHAIN\b"),
        Row("tls-self-signed", TlsSelfSigned, "OpenSSL (curl, Python, Node.js)", @"self[- ]signed certificate|\bDEPTH_ZERO_SELF_SIGNED_CERT\b"),
        Row("tls-missing-issuer", TlsChainIncomplete, "OpenSSL (curl, Python, Node.js)",
            @"unable to get local issuer certificate|unable to verify the first certificate|\bUNABLE_TO_(?:GET_ISSUER_CERT_LOCALLY|VERIFY_LEAF_SIGNATURE)\b"),
        Row("tls-expired", TlsCertExpired, "OpenSSL, Go", @"certificate has expired|\bCERT_HAS_EXPIRED\b"),
        Row("tls-not-yet-valid", TlsCertNotYetValid, "OpenSSL", @"certificate is not yet valid|\bCERT_NOT_YET_VALID\b"),
        Row("tls-name-mismatch", TlsNameMismatch, "Node.js, curl, Python, Go",
            @"does not match certificate's altnames|\bERR_TLS_CERT_ALTNAME_INVALID\b|no alternative certificate subject name matches|(?:Hostname|IP address) mismatch, certificate is not valid for|x509: certificate is valid for \S+, not "),
        Row("go-unknown-authority", TlsUntrustedRoot, "Go", @"x509: certificate signed by unknown authority"),
        Row("tls-wrong-version", TlsNotTls, "OpenSSL (curl, Python, Node.js)", @"wrong version number|\bWRONG_VERSION_NUMBER\b|http: server gave HTTP response to HTTPS client"),
        Row("tls-handshake-failed", TlsHandshakeFailed, "OpenSSL, Go, .NET",
            @"SSL handshake failed|alert handshake failure|tls: handshake failure|The SSL connection could not be established"),
        Row("tls-verify-failed", TlsChainInvalid, "Python", @"CERTIFICATE_VERIFY_FAILED|certificate verify failed"),

        // Anthropic API error types. AUTH.*/API.* codes are being added on another branch; until they land these map to
        // the closest HTTP.* code. Switch each row to the API.* code named in its comment then.
        Row("anthropic-authentication-error", AuthInvalidKey, "Anthropic API", @"\bauthentication_error\b"),
        Row("anthropic-permission-error", AuthPermission, "Anthropic API", @"\bpermission_error\b"),
        Row("anthropic-rate-limit-error", ApiRateLimited, "Anthropic API", @"\brate_limit_error\b"),
        Row("anthropic-overloaded-error", ApiOverloaded, "Anthropic API", @"\boverloaded_error\b|\b(?:API Error:|HTTP Error|returned error:) 529\b|"" 529 "),

        // TCP outcomes by their errno texts.
        Row("connection-refused", TcpRefused, "Node.js, Python, curl, Go, .NET",
            @"\bECONNREFUSED\b|Connection refused|\[Errno 111\]|actively refused it"),
        Row("connection-reset", TcpReset, "Node.js, Python, curl, Go, .NET",
            @"\bECONNRESET\b|Connection reset by peer|\[Errno 104\]|forcibly closed by the remote host"),
        Row("network-unreachable", TcpNetworkUnreachable, "Node.js, Python, curl, Go", @"\bENETUNREACH\b|Network is unreachable|\[Errno 101\]"),
        Row("host-unreachable", TcpHostUnreachable, "Node.js, Python, curl, Go", @"\bEHOSTUNREACH\b|No route to host|\[Errno 113\]"),
        Row("connect-timeout", TcpFiltered, "Node.js, Python, curl, Go, .NET",
            @"\bETIMEDOUT\b|connect(?:ion)? timed out|\[Errno 110\]|ConnectTimeout(?:Error)?\b|curl: \(28\) Failed to connect|<urlopen error timed out>|dial tcp \S+: i/o timeout|did not properly respond after a period of time"),

        // curl 7 says the same "Couldn't connect to server" for refused, unreachable and filtered: no more specific code fits.
        Row("curl-connect-failed", TcpError, "curl", @"curl: \(7\) Failed to connect|Couldn't connect to server"),

        // HTTP statuses last: a line that names a lower-layer cause is better classified by it.
        Row("http-401", HttpUnauthorized, "access log, HTTP clients", Status(401, "Unauthorized")),
        Row("http-403", HttpForbidden, "access log, HTTP clients", Status(403, "Forbidden")),
        Row("http-429", HttpRateLimited, "access log, HTTP clients", Status(429, "Too Many Requests")),
        Row("http-502", HttpBadGateway, "access log, HTTP clients", Status(502, "Bad Gateway")),
        Row("http-503", HttpServiceUnavailable, "access log, HTTP clients", Status(503, "Service Unavailable")),
        Row("http-504", HttpGatewayTimeout, "access log, HTTP clients", Status(504, "Gateway Time-?out")),
        Row("http-500", HttpServerError, "access log, HTTP clients", Status(500, "Internal Server Error")),
    ];

    /// <summary>The first row that matches <paramref name="line"/>, or null. A row whose match times out counts as no match.</summary>
    public static LogPattern? Match(string line)
    {
        foreach (var p in All)
        {
            try
            {
                if (p.Regex.IsMatch(line)) return p;
            }
            catch (RegexMatchTimeoutException)
            {
                // Skip the row rather than fail the scan: one hostile line must not hide the rest of the log.
            }
        }
        return null;
    }
}
