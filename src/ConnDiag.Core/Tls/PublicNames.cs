namespace ConnDiag.Tls;

/// <summary>
/// Whether a host name belongs to the public DNS, as far as its shape tells: used to suspect interception
/// when a private root signs a certificate for a public name. Names under special-use or customary
/// private suffixes (RFC 6761, RFC 8375, .internal, .corp, .lan, ...) and IP addresses are not public.
/// </summary>
internal static class PublicNames
{
    private static readonly HashSet<string> PrivateSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "example", "invalid", "localhost", "local", "localdomain", "internal", "intranet", "private",
        "lan", "home", "corp", "arpa", "onion",
    };

    private static readonly HashSet<string> ReservedDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "example.com", "example.net", "example.org",
    };

    public static bool IsPublic(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return false;
        var n = name.Trim().TrimEnd('.');
        if (System.Net.IPAddress.TryParse(n, out _)) return false;
        var labels = n.Split('.');
        if (labels.Length < 2) return false;
        var tld = labels[^1];
        if (!tld.All(char.IsAsciiLetter) && !tld.StartsWith("xn--", StringComparison.OrdinalIgnoreCase)) return false;
        if (PrivateSuffixes.Contains(tld)) return false;
        var domain = labels[^2] + "." + tld;
        return !ReservedDomains.Contains(domain);
    }
}
