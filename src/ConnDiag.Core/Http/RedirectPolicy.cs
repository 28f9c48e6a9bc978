using ConnDiag.Secrets;

namespace ConnDiag.Http;

/// <summary>
/// How a redirect is followed, as browsers and curl -L do: 303 (and 301/302 after a POST) turn into a GET
/// without a body; 307/308 repeat the request. Credentials are scoped to the original origin (scheme, host
/// and port): a hop anywhere else gets the request without them.
/// </summary>
internal static class RedirectPolicy
{
    public static (string Method, ReadOnlyMemory<byte>? Body, bool BodyDropped) Next(int status, string method, ReadOnlyMemory<byte>? body)
    {
        var isHead = method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);
        if ((status == 303 && !isHead) || (status is 301 or 302 && method.Equals("POST", StringComparison.OrdinalIgnoreCase)))
        {
            return ("GET", null, true);
        }
        return (method, body, false);
    }

    /// <summary>The headers without any the masker calls secret (Authorization, x-api-key, Cookie, the caller's own), and the names dropped.</summary>
    public static (IReadOnlyList<HttpHeaderField> Kept, IReadOnlyList<string> Dropped) WithoutCredentials(IReadOnlyList<HttpHeaderField> headers, SecretMasker masker)
    {
        var kept = new List<HttpHeaderField>();
        var dropped = new List<string>();
        foreach (var h in headers)
        {
            if (masker.IsSensitiveHeader(h.Name))
            {
                if (!dropped.Contains(h.Name, StringComparer.OrdinalIgnoreCase)) dropped.Add(h.Name);
            }
            else
            {
                kept.Add(h);
            }
        }
        return (kept, dropped);
    }

    /// <summary>A GET made from a POST carries no body, so no Content-* headers either.</summary>
    public static IReadOnlyList<HttpHeaderField> WithoutContentHeaders(IReadOnlyList<HttpHeaderField> headers) =>
        headers.Where(h => !h.Name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)).ToList();
}
