namespace ConnDiag.Http.Proxy;

/// <summary>
/// The authentication schemes a proxy offers in its Proxy-Authenticate headers (RFC 9110 §11.6.2). One header
/// may carry several challenges separated by commas, and a challenge's parameters contain commas too
/// (<c>Basic realm="a, b", Negotiate</c>), so the split respects quotes and tells a new scheme from a parameter.
/// </summary>
internal static class ProxyAuthenticateParser
{
    private const int MaxSchemes = 16;

    /// <summary>Distinct schemes in order of appearance, spelled as the proxy spelled them (Basic, NTLM, Negotiate, Digest...).</summary>
    public static IReadOnlyList<string> Schemes(IEnumerable<string> headerValues)
    {
        var schemes = new List<string>();
        foreach (var value in headerValues)
        {
            foreach (var piece in SplitOutsideQuotes(value))
            {
                var p = piece.Trim();
                if (p.Length == 0) continue;
                var space = p.IndexOfAny([' ', '\t']);
                var first = space < 0 ? p : p[..space];
                // A parameter of the previous challenge looks like name=value; a scheme is a bare token
                // (possibly followed by a token68 or parameters after a space).
                if (first.Contains('=') || !first.All(IsTokenChar)) continue;
                if (!schemes.Contains(first, StringComparer.OrdinalIgnoreCase)) schemes.Add(first);
                if (schemes.Count >= MaxSchemes) return schemes;
            }
        }
        return schemes;
    }

    private static IEnumerable<string> SplitOutsideQuotes(string value)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && quoted) { i++; continue; }
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                yield return value[start..i];
                start = i + 1;
            }
        }
        yield return value[start..];
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
