namespace ConnDiag.Secrets;

/// <summary>Credentials in URLs (proxy URLs above all) and known secret values in text a peer sent back.</summary>
public sealed partial class SecretMasker
{
    /// <summary>What a fully hidden secret (or password) is replaced with.</summary>
    public const string Hidden = "****";

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
    /// Used on text a peer sent back (a proxy's error page may echo what it received). Values shorter than
    /// <see cref="MinScrubLength"/> are left alone.
    /// </summary>
    public static string Scrub(string text, IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Longest first, so a whole token goes before a shorter secret inside it.
        foreach (var s in secrets.Where(s => s is not null && s.Length >= MinScrubLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s!.Length))
        {
            if (text.Contains(s!, StringComparison.Ordinal)) text = text.Replace(s!, Hidden, StringComparison.Ordinal);
        }
        return text;
    }
}
