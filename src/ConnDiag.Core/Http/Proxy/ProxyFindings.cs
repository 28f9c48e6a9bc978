using System.Globalization;
using System.Text;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Http.Proxy;

/// <summary>Words for the PROXY findings: each names the proxy (masked), where it was configured, and the target.</summary>
internal static class ProxyFindings
{
    public static Finding Bypassed(ProxySettings settings, ProxyDecision decision, string target)
    {
        var entry = decision.MatchedEntry!;
        var via = decision.Proxy is null ? "the configured proxy" : decision.Proxy.Url;
        var summary = entry.Kind == NoProxyEntryKind.Everything
            ? $"NO_PROXY is '*': {target} is reached directly, not through {via}."
            : $"NO_PROXY entry {entry} matched {target}: the client connects directly, not through {via}.";
        var evidence = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"NO_PROXY '{settings.NoProxy.Raw}' from the {settings.NoProxySource}; entry {entry} is read as {Describe(entry)}");
        if (entry.Note is not null) evidence.Append(" (").Append(entry.Note).Append(')');
        evidence.Append('.');
        if (settings.ProxySource is not null) evidence.Append(CultureInfo.InvariantCulture, $" The proxy would have come from the {settings.ProxySource}.");
        return FindingCatalog.Create(FindingCodes.ProxyBypassed, summary, evidence.ToString());
    }

    public static Finding UrlInvalid(ProxySettings settings) =>
        FindingCatalog.Create(FindingCodes.ProxyUrlInvalid,
            $"The proxy in the {settings.ProxySource} cannot be used: {settings.ProxyError}.",
            settings.Consulted.Count > 0
                ? $"Variables consulted for {settings.TargetScheme} targets, in curl's order: {string.Join(", ", settings.Consulted)}; the first one set wins. curl fails such a transfer with 'Unsupported proxy scheme' or 'Unsupported proxy syntax'."
                : "curl fails such a transfer with 'Unsupported proxy scheme' or 'Unsupported proxy syntax'.");

    public static Finding Loop(ProxyServer proxy, ProxySettings settings, string target, string how) =>
        FindingCatalog.Create(FindingCodes.ProxyLoop,
            $"The proxy {proxy.Url} (from the {settings.ProxySource}) is the target {target} itself: a client would send its CONNECT to the service it wants to reach.",
            how);

    public static Finding Unresolved(ProxyServer proxy, ProxySettings settings, string error) =>
        FindingCatalog.Create(FindingCodes.ProxyConnectFailed,
            $"The proxy host {proxy.Host} (from the {settings.ProxySource}) does not resolve: {error}.",
            $"Resolving {proxy.Host} for {proxy.Url} failed: {error}.",
            $"Fix the proxy host name in the {settings.ProxySource}, or the resolver configuration that should know it.");

    public static Finding NoAddressOfFamily(ProxyServer proxy, ProxySettings settings, string family, IEnumerable<System.Net.IPAddress> all) =>
        FindingCatalog.Create(FindingCodes.ProxyConnectFailed,
            $"The proxy host {proxy.Host} (from the {settings.ProxySource}) has no {family} address.",
            $"{proxy.Host} resolved to {string.Join(", ", all)}.",
            $"Drop the address-family restriction, or give the proxy an {family} address.");

    public static Finding TcpFailed(ProxyServer proxy, ProxySettings settings, IReadOnlyList<TcpAttempt> attempts)
    {
        var first = attempts[0];
        var why = first.State switch
        {
            TcpPortState.Closed => "refused the connection",
            TcpPortState.Filtered => $"did not answer within {Ms(first.ConnectMs)}",
            TcpPortState.HostUnreachable => "is unreachable (host unreachable)",
            TcpPortState.NetworkUnreachable => "is unreachable (no route to the network)",
            TcpPortState.AdminProhibited => "is blocked by a firewall (administratively prohibited)",
            _ => $"could not be connected to ({first.Detail})",
        };
        var where = attempts.Count == 1 ? first.Endpoint : $"{first.Endpoint} (and {attempts.Count - 1} more address{(attempts.Count == 2 ? "" : "es")})";
        var remedy = first.State switch
        {
            TcpPortState.Closed => $"Nothing accepts connections at {proxy.HostPort}: start the proxy, or fix the host and port in the {settings.ProxySource}.",
            TcpPortState.Filtered => $"A firewall drops the packets to {proxy.HostPort}, or the proxy host is down: check the path to the proxy and the port in the {settings.ProxySource}.",
            _ => null,
        };
        return FindingCatalog.Create(FindingCodes.ProxyConnectFailed,
            $"The proxy {proxy.Url} (from the {settings.ProxySource}) {why} at {where}.",
            string.Join("; ", attempts.Select(a => $"{a.Endpoint} {a.State} after {Ms(a.ConnectMs)}: {a.Detail}" + (a.SocketError is { } e ? $" [{e}]" : ""))),
            remedy);
    }

    public static Finding TlsFailed(ProxyServer proxy, ProxySettings settings, string error, bool certificateProblem) =>
        FindingCatalog.Create(FindingCodes.ProxyConnectFailed,
            $"The TLS handshake with the HTTPS proxy {proxy.Url} (from the {settings.ProxySource}) failed: {error}",
            $"TCP to {proxy.HostPort} succeeded; TLS to the proxy itself (https:// proxy URL) failed: {error}",
            certificateProblem
                ? "Trust the CA that signed the proxy's certificate (a CA bundle), or fix the proxy's certificate and name; skipping the check only hides the problem."
                : $"If the proxy speaks plain HTTP, write http:// instead of https:// in the {settings.ProxySource}.");

    public static Finding NoAnswer(ProxyServer proxy, ProxySettings settings, string target, string what, string evidence) =>
        FindingCatalog.Create(FindingCodes.ProxyConnectFailed,
            $"The proxy {proxy.Url} (from the {settings.ProxySource}) {what} to CONNECT {target}.",
            evidence,
            "Check that the address is really an HTTP proxy (and not a web server or a TLS port), and look at the proxy's log for the request.");

    public static Finding NotHttp(ProxyServer proxy, ProxySettings settings, string target, ReadOnlySpan<byte> firstBytes)
    {
        var looksTls = firstBytes.Length > 0 && firstBytes[0] is 0x15 or 0x16;
        return FindingCatalog.Create(FindingCodes.ProxyConnectFailed,
            $"The proxy {proxy.Url} (from the {settings.ProxySource}) answered CONNECT {target} with something that is not HTTP{(looksTls ? " (a TLS record: it expects TLS)" : "")}.",
            $"First bytes: {Printable(firstBytes)}.",
            looksTls
                ? $"The proxy port speaks TLS: write https:// instead of http:// in the {settings.ProxySource}."
                : "Check that the address is an HTTP proxy; the bytes in the evidence show what answers there.");
    }

    public static Finding HeadTooLarge(ProxyServer proxy, ProxySettings settings, string target, int cap) =>
        FindingCatalog.Create(FindingCodes.ProxyConnectFailed,
            $"The proxy {proxy.Url} answered CONNECT {target} with a response head over the {cap}-byte cap.",
            $"No end of the response head within {cap} bytes.",
            "Check what answers at the proxy address; a real proxy's answer to CONNECT is a few hundred bytes.");

    public static Finding ForStatus(ProxyServer proxy, ProxySettings settings, string target, ConnectResponseHead head, ProxyTunnelStatus status,
        IReadOnlyList<string> schemes, string? snippet, double roundTripMs)
    {
        var from = $"{proxy.Url} (from the {settings.ProxySource})";
        var evidence = new StringBuilder().Append(CultureInfo.InvariantCulture, $"CONNECT {target} HTTP/1.1 → {head.StatusLine} after {Ms(roundTripMs)}");
        foreach (var name in new[] { "Proxy-Authenticate", "WWW-Authenticate", "Proxy-Status", "X-Squid-Error", "Server", "Via" })
        {
            foreach (var v in head.GetAll(name).Take(4)) evidence.Append("; ").Append(name).Append(": ").Append(Cap(v));
        }
        if (snippet is not null) evidence.Append("; body: '").Append(snippet).Append('\'');
        evidence.Append('.');
        if (head.StatusCode == 401) evidence.Append(" A 401 to CONNECT comes from the proxy itself (no tunnel exists yet); proxies should say 407.");
        var line = head.StatusLine;
        return status switch
        {
            ProxyTunnelStatus.AuthRequired => AuthRequired(proxy, from, target, line, schemes, evidence.ToString()),
            ProxyTunnelStatus.Forbidden => FindingCatalog.Create(FindingCodes.ProxyForbidden,
                $"The proxy {from} refuses CONNECT {target}: {line}{(snippet is null ? "" : $" — '{Cap(snippet, 120)}'")}.",
                evidence.ToString()),
            ProxyTunnelStatus.UpstreamFailed => FindingCatalog.Create(FindingCodes.ProxyUpstreamFailed,
                $"The proxy {from} could not reach {target}: {line}.",
                evidence.ToString()),
            _ => FindingCatalog.Create(FindingCodes.ProxyConnectFailed,
                $"The proxy {from} refused CONNECT {target}: {line}.",
                evidence.ToString(),
                "The proxy answered with a status that does not open a tunnel: the reason phrase and the page in the evidence say why; the proxy's log has the details."),
        };
    }

    private static Finding AuthRequired(ProxyServer proxy, string from, string target, string line, IReadOnlyList<string> schemes, string evidence)
    {
        var offered = schemes.Count == 0 ? "no scheme named in Proxy-Authenticate" : "offers " + string.Join(", ", schemes);
        var summary = proxy.Credentials is { } c
            ? $"The proxy {from} rejected the credentials for user '{c.DisplayUser}' on CONNECT {target} ({line}); it {offered}."
            : $"The proxy {from} requires authentication for CONNECT {target} ({line}) and no credentials are configured; it {offered}.";
        string? remedy = null;
        if (schemes.Count > 0 && !schemes.Contains("Basic", StringComparer.OrdinalIgnoreCase))
        {
            remedy = $"The proxy offers only {string.Join(", ", schemes)}, not Basic: clients that only do Basic (Claude Code, Node.js, curl without --proxy-ntlm/--proxy-negotiate) cannot authenticate. Use a local relay that speaks it (e.g. cntlm), an LLM gateway, or ask for an exception for the host.";
        }
        else if (proxy.Credentials is not null)
        {
            remedy = "Check the user name and password (percent-encode special characters in a URL: '@' is %40, ':' is %3A), and whether the account may use the proxy.";
        }
        return FindingCatalog.Create(FindingCodes.ProxyAuthRequired, summary, evidence, remedy);
    }

    public static Finding SocksUnsupported(ProxyServer proxy, ProxySettings settings, string target, TcpAttempt connected) =>
        FindingCatalog.Create(FindingCodes.ProxySocksUnsupported,
            $"{proxy.Url} (from the {settings.ProxySource}) is a {proxy.Scheme} proxy: it accepts TCP at {connected.Endpoint}, but the way through it to {target} was not tested.",
            $"TCP to {connected.Endpoint} succeeded in {Ms(connected.ConnectMs)}; ConnDiag speaks HTTP CONNECT, not SOCKS.");

    private static string Describe(NoProxyEntry e)
    {
        var port = e.Port is { } p ? string.Create(CultureInfo.InvariantCulture, $" on port {p}") : "";
        return e.Kind switch
        {
            NoProxyEntryKind.Everything => "every host",
            NoProxyEntryKind.Domain => $"the name {e.Value} and every name under it{port}",
            NoProxyEntryKind.Address => $"the address {e.Value}{port}",
            NoProxyEntryKind.Network => $"the range {e.Value}",
            _ => "nothing",
        };
    }

    internal static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0.#} ms");

    private static string Cap(string s, int max = 200) => s.Length <= max ? s : s[..max] + "…";

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return "(none)";
        var sb = new StringBuilder();
        foreach (var b in bytes)
        {
            sb.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }
        return "'" + sb + "'";
    }
}
