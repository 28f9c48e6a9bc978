namespace ConnDiag.Secrets;

/// <summary>Finds where the user-info part of a URL ends, erring on the side of treating text as a secret.</summary>
internal static class UserInfo
{
    /// <summary>
    /// The index of the '@' that ends <c>user[:password]</c> after <paramref name="start"/> (just after <c>scheme://</c>).
    /// The last '@' counts, so an unencoded '@', '?' or '#' in a password stays inside it; an unencoded '/' in a
    /// password is allowed too when a ':' comes before it (a path or query with an '@' has no ':' before its
    /// first '/').
    /// </summary>
    public static bool TryFind(string url, int start, out int at)
    {
        at = url.Length > start ? url.LastIndexOf('@', url.Length - 1, url.Length - start) : -1;
        if (at < 0) return false;
        var candidate = url.AsSpan(start, at - start);
        var slash = candidate.IndexOf('/');
        if (slash < 0) return true;
        var colon = candidate.IndexOf(':');
        if (colon >= 0 && colon < slash) return true;
        at = -1;
        return false;
    }
}
