using System.Text.RegularExpressions;

namespace ConnDiag.Tls;

/// <summary>
/// TLS-inspecting products (corporate proxies, firewalls, antivirus web shields, debugging proxies) and the
/// words their re-signing CAs carry in their names. Matched against the issuer of every certificate in a chain
/// and the subject of every CA in it (never the leaf's own subject: a vendor's website is not an interception).
/// The same list is documented in docs/Test-TlsChain.md; keep the two in step.
/// </summary>
internal static class InterceptionProducts
{
    private static readonly (string Product, Regex Pattern)[] Known =
    [
        ("Zscaler", Word("Zscaler")),
        ("Netskope", Word("Netskope")),
        ("Palo Alto Networks", Word(@"Palo\s*Alto\s*Networks")),
        ("Fortinet FortiGate", Word("Forti(net|Gate)")),
        ("Blue Coat / Symantec Web Security Service", Word(@"(Blue\s*Coat|Symantec\s+Web\s+Security|Web\s+Security\s+Service)")),
        ("Cisco Umbrella", Word(@"Cisco\s+Umbrella")),
        ("Check Point", Word(@"Check\s*Point")),
        ("Sophos", Word("Sophos")),
        ("Kaspersky", Word("Kaspersky")),
        ("ESET", Word(@"ESET\s+SSL\s+Filter|ESET")),
        ("Avast / AVG", Word(@"(Avast|AVG)\s+(Web|Mail|Trusted|Untrusted)")),
        ("Bitdefender", Word("Bitdefender")),
        ("mitmproxy", Word("mitmproxy")),
        ("Charles Proxy", Word(@"Charles\s+Proxy")),
        ("Fiddler", new Regex("Fiddler", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        ("Burp Suite", Word("(PortSwigger|Burp)")),
    ];

    /// <summary>The product names, in the documented order.</summary>
    public static IReadOnlyList<string> Products => Known.Select(k => k.Product).ToList();

    /// <summary>The product whose pattern occurs in <paramref name="distinguishedName"/>, or null.</summary>
    public static string? Match(string distinguishedName)
    {
        foreach (var (product, pattern) in Known)
        {
            if (pattern.IsMatch(distinguishedName)) return product;
        }
        return null;
    }

    private static Regex Word(string pattern) =>
        new($@"(?<![A-Za-z0-9]){pattern}(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
