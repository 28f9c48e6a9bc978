using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace ConnDiag.Tls;

/// <summary>The outcome of matching a name against a certificate, with the names the certificate holds.</summary>
/// <param name="Matches">True when a client following RFC 6125 accepts the certificate for the name.</param>
/// <param name="MatchedBy">The certificate name that matched (e.g. <c>DNS:*.example.test</c>), or null.</param>
/// <param name="Presented">Every name the certificate offers for matching, for evidence.</param>
internal sealed record HostnameMatch(bool Matches, string? MatchedBy, IReadOnlyList<string> Presented);

/// <summary>
/// Host-name verification as current clients do it (RFC 6125 §6, CA/Browser Forum rules): DNS names match
/// the subjectAltName DNS entries case-insensitively; a wildcard is allowed only as the whole left-most
/// label, matches exactly one label, and needs at least two labels after it (no <c>f*.example.com</c>, no
/// <c>*.com</c>); an IP address matches only IP entries; the subject CN is used only when the certificate
/// has no subjectAltName DNS or IP entries at all.
/// </summary>
internal static class HostnameMatcher
{
    public static HostnameMatch Match(X509Certificate2 certificate, string name)
    {
        var san = CertificateFacts.SubjectAlternativeNames(certificate);
        var host = Normalize(name);
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && LooksLikeIp(host))
        {
            var presentedIps = san.Ips.Select(a => "IP:" + a).ToList();
            var hit = san.Ips.FirstOrDefault(a => SameAddress(a, ip));
            return new HostnameMatch(hit is not null, hit is null ? null : "IP:" + hit, [.. presentedIps, .. san.Dns.Select(d => "DNS:" + d)]);
        }

        if (san.Dns.Count > 0 || san.Ips.Count > 0)
        {
            var dns = san.Dns.FirstOrDefault(p => PatternMatches(p, host));
            return new HostnameMatch(dns is not null, dns is null ? null : "DNS:" + dns,
                [.. san.Dns.Select(d => "DNS:" + d), .. san.Ips.Select(a => "IP:" + a)]);
        }

        var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (string.IsNullOrEmpty(cn)) return new HostnameMatch(false, null, []);
        var byCn = PatternMatches(cn, host);
        return new HostnameMatch(byCn, byCn ? "CN:" + cn : null, ["CN:" + cn]);
    }

    /// <summary>One certificate name (possibly a wildcard) against one host name.</summary>
    public static bool PatternMatches(string pattern, string host)
    {
        var p = Normalize(pattern);
        var h = Normalize(host);
        if (p.Length == 0 || h.Length == 0) return false;
        if (!p.Contains('*')) return string.Equals(p, h, StringComparison.Ordinal);

        // Only "*.rest": the wildcard is the entire left-most label and appears once.
        if (!p.StartsWith("*.", StringComparison.Ordinal) || p.IndexOf('*', 1) >= 0) return false;
        var suffix = p[1..];                       // ".example.test"
        if (suffix.Count(c => c == '.') < 2) return false; // "*.com", "*.test": too broad to honour
        if (LooksLikeIp(h)) return false;
        if (!h.EndsWith(suffix, StringComparison.Ordinal)) return false;
        var label = h[..^suffix.Length];
        return label.Length > 0 && !label.Contains('.');
    }

    private static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    private static bool LooksLikeIp(string host) =>
        host.Contains(':') || (host.Count(c => c == '.') == 3 && host.All(c => char.IsAsciiDigit(c) || c == '.'));

    private static bool SameAddress(IPAddress a, IPAddress b)
    {
        if (a.Equals(b)) return true;
        // An IPv4-mapped IPv6 address names the same host as the IPv4 address.
        var x = a.AddressFamily == AddressFamily.InterNetworkV6 && a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;
        var y = b.AddressFamily == AddressFamily.InterNetworkV6 && b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b;
        return x.Equals(y);
    }
}
