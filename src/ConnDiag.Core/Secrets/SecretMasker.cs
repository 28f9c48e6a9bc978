namespace ConnDiag.Secrets;

/// <summary>
/// Turns secrets into text that is safe to print: enough to recognise which key or credential was used,
/// never enough to use it. Everything ConnDiag shows about a credential goes through here.
/// </summary>
public static class SecretMasker
{
    /// <summary>What a fully hidden secret (or password) is replaced with.</summary>
    public const string Hidden = "****";

    /// <summary>The ellipsis between a shown prefix and the last characters.</summary>
    public const string Ellipsis = "…";

    // Secrets shorter than this are hidden entirely: showing four characters of a short secret gives away too much.
    private const int MinLengthForHint = 16;
    private const int ShownTail = 4;
    private const int MaxShownPrefix = 7;
    // Scrubbing a one- or two-character password out of a page would shred the page and protect nothing.
    private const int MinScrubLength = 4;

    // Prefixes that say what kind of key it is (not secret: every key of that kind starts with them). Longest first.
    private static readonly string[] KnownPrefixes = ["sk-ant-", "sk-proj-", "sk-or-", "github_pat_", "ghp_", "xoxb-", "xoxp-", "sk-"];

    /// <summary>
    /// Masks a secret as <c>sk-ant-…Ab12</c>: a known kind prefix (at most 7 characters), an ellipsis and the last
    /// 4 characters. A secret without a known prefix shows only <c>…Ab12</c>; one shorter than 16 characters, or
    /// null/empty, is <see cref="Hidden"/> entirely.
    /// </summary>
    public static string Mask(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinLengthForHint) return Hidden;
        var prefix = "";
        foreach (var known in KnownPrefixes)
        {
            if (secret.StartsWith(known, StringComparison.Ordinal))
            {
                prefix = known.Length <= MaxShownPrefix ? known : known[..MaxShownPrefix];
                break;
            }
        }
        return prefix + Ellipsis + secret[^ShownTail..];
    }

    /// <summary>
    /// Hides the credentials in a URL (or a scheme-less <c>user:pass@host:port</c> as proxies are often written):
    /// <c>http://alice:secret@proxy:3128</c> becomes <c>http://alice:****@proxy:3128</c>. A user name without a
    /// password is often a token, so <c>http://token@proxy</c> becomes <c>http://****@proxy</c>. Text without
    /// credentials is returned unchanged.
    /// </summary>
    public static string MaskUrlCredentials(string? url)
    {
        if (string.IsNullOrEmpty(url)) return url ?? "";
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = schemeEnd >= 0 ? schemeEnd + 3 : 0;
        if (!UserInfo.TryFind(url, authorityStart, out var at)) return url;
        var userInfo = url[authorityStart..at];
        var colon = userInfo.IndexOf(':');
        var masked = colon >= 0 ? userInfo[..colon] + ":" + Hidden : Hidden;
        return url[..authorityStart] + masked + url[at..];
    }

    /// <summary>
    /// Replaces every occurrence of the given secret values in <paramref name="text"/> with <see cref="Hidden"/>.
    /// Used on text a peer sent back (a proxy's error page may echo what it received). Values shorter than four
    /// characters are left alone.
    /// </summary>
    public static string Scrub(string text, IEnumerable<string?> secrets)
    {
        foreach (var s in secrets)
        {
            if (s is { Length: >= MinScrubLength } && text.Contains(s, StringComparison.Ordinal))
            {
                text = text.Replace(s, Hidden, StringComparison.Ordinal);
            }
        }
        return text;
    }
}
