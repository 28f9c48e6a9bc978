using System.Text;
using System.Text.RegularExpressions;

namespace ConnDiag.Secrets;

/// <summary>
/// The one place secrets are masked before anything leaves the engine: header values, URLs, body previews,
/// error messages. A masked value keeps what helps a person recognise the key (a short prefix such as
/// <c>sk-ant-</c> and the last four characters of a long value) and nothing else: <c>sk-ant-…Ab12</c>.
/// </summary>
/// <remarks>
/// Two layers: headers and query parameters are masked by <em>name</em> (Authorization, x-api-key, Cookie,
/// <c>?api_key=</c>...), and free text is scrubbed of every secret value the caller registered (the values of
/// the request's sensitive headers, so a server that echoes a key back cannot leak it) and of token shapes
/// (<c>sk-...</c>, <c>Bearer ...</c>, JWTs) that look like credentials whoever sent them.
/// </remarks>
public sealed partial class SecretMasker
{
    /// <summary>The character that stands for the hidden part of a value.</summary>
    public const string Ellipsis = "…";

    /// <summary>Shortest registered secret that is scrubbed from free text; shorter ones would mask ordinary words.</summary>
    public const int MinScrubLength = 6;

    /// <summary>Header names whose values are always secret (compared case-insensitively).</summary>
    public static IReadOnlyCollection<string> DefaultSensitiveHeaders { get; } =
    [
        "Authorization", "Proxy-Authorization", "x-api-key", "api-key", "Cookie", "Set-Cookie",
        "x-auth-token", "x-goog-api-key", "Ocp-Apim-Subscription-Key",
    ];

    private static readonly string[] SecretQueryNames =
    [
        "key", "api_key", "apikey", "api-key", "token", "access_token", "refresh_token", "id_token", "auth",
        "password", "passwd", "pwd", "secret", "client_secret", "sig", "signature", "x-amz-signature",
        "x-amz-credential", "x-amz-security-token", "code",
    ];

    private static readonly HashSet<string> UrlHeaders = new(StringComparer.OrdinalIgnoreCase) { "Location", "Content-Location", "Referer" };

    private readonly HashSet<string> _sensitiveHeaders;
    private readonly string[] _known;

    /// <summary>A masker with no registered secrets: masks by header name and token shape only.</summary>
    public static SecretMasker Default { get; } = new();

    /// <param name="knownSecrets">Secret values to scrub wherever they appear (null and short values are ignored).</param>
    /// <param name="extraSensitiveHeaders">Header names the caller marks secret, on top of <see cref="DefaultSensitiveHeaders"/>.</param>
    public SecretMasker(IEnumerable<string?>? knownSecrets = null, IEnumerable<string>? extraSensitiveHeaders = null)
    {
        _sensitiveHeaders = new HashSet<string>(DefaultSensitiveHeaders, StringComparer.OrdinalIgnoreCase);
        foreach (var h in extraSensitiveHeaders ?? []) _sensitiveHeaders.Add(h);
        // Longest first, so a whole "Bearer sk-..." goes before the "sk-..." inside it.
        _known = (knownSecrets ?? [])
            .Where(s => s is not null && s.Trim().Length >= MinScrubLength)
            .Select(s => s!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    /// <summary>
    /// A masker for a request's headers: their names decide what is sensitive, and the values of the sensitive
    /// ones (whole, the credential after the scheme, each cookie value) are registered for scrubbing.
    /// </summary>
    public static SecretMasker ForHeaders(IEnumerable<KeyValuePair<string, string>> headers, IEnumerable<string>? extraSensitiveHeaders = null)
    {
        var names = new HashSet<string>(DefaultSensitiveHeaders, StringComparer.OrdinalIgnoreCase);
        foreach (var h in extraSensitiveHeaders ?? []) names.Add(h);
        var secrets = new List<string>();
        foreach (var (name, value) in headers)
        {
            if (!names.Contains(name) || string.IsNullOrEmpty(value)) continue;
            // "Bearer sk-..." is registered as its credential, so scrubbed text keeps the readable scheme.
            var trimmed = value.Trim();
            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            secrets.Add(space > 0 ? trimmed[(space + 1)..].Trim() : trimmed);
            if (trimmed != value && space < 0) secrets.Add(value);
            if (IsCookieHeader(name))
            {
                foreach (var pair in value.Split(';'))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0) secrets.Add(pair[(eq + 1)..].Trim());
                }
            }
        }
        return new SecretMasker(secrets, extraSensitiveHeaders);
    }

    /// <summary>True when values of this header are secret.</summary>
    public bool IsSensitiveHeader(string name) => _sensitiveHeaders.Contains(name);

    /// <summary>The header names this masker treats as secret.</summary>
    public IReadOnlyCollection<string> SensitiveHeaders => _sensitiveHeaders;

    /// <summary>
    /// The masked form of one secret value: a recognisable prefix (<c>sk-ant-</c>, <c>ghp_</c>) and the last four
    /// characters when the value is long enough that they give nothing away; <c>…</c> alone for short values.
    /// </summary>
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        if (value.Length < 12) return Ellipsis;
        var prefix = KeyPrefix().Match(value);
        var keep = prefix.Success && prefix.Length <= value.Length / 3 ? prefix.Value : "";
        var tail = value.Length >= 16 ? value[^4..] : "";
        return keep + Ellipsis + tail;
    }

    /// <summary>
    /// A header value as it may be shown: sensitive headers keep their scheme (<c>Bearer </c>) and cookie names
    /// and attributes, with each secret part masked; other headers are scrubbed like free text.
    /// </summary>
    public string MaskHeader(string name, string value)
    {
        if (UrlHeaders.Contains(name))
        {
            // Redirect targets carry signed-URL tokens in their query strings.
            return Uri.TryCreate(value, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
                ? MaskUri(absolute)
                : MaskPathAndQuery(value);
        }
        if (!IsSensitiveHeader(name)) return MaskText(value);
        if (IsCookieHeader(name)) return MaskCookie(value, name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase));
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && name.Contains("Authorization", StringComparison.OrdinalIgnoreCase))
        {
            return value[..(space + 1)] + Mask(value[(space + 1)..].Trim());
        }
        return Mask(value);
    }

    /// <summary>
    /// Free text with every registered secret and every credential-shaped token masked (error messages, body
    /// previews, header values that are not secret by name but may echo one).
    /// </summary>
    public string MaskText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var s = text;
        foreach (var secret in _known)
        {
            if (s.Contains(secret, StringComparison.Ordinal)) s = s.Replace(secret, Mask(secret), StringComparison.Ordinal);
        }
        s = SchemeToken().Replace(s, m => m.Groups[1].Value + Mask(m.Groups[2].Value));
        s = TokenShape().Replace(s, m => Mask(m.Value));
        return s;
    }

    /// <summary>A URL as it may be shown: the user-info password and secret-looking query values masked.</summary>
    public string MaskUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri) return MaskText(uri.OriginalString);
        var b = new StringBuilder();
        b.Append(uri.Scheme).Append("://");
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            b.Append(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon] + ":" + Ellipsis).Append('@');
        }
        b.Append(uri.Authority).Append(MaskPathAndQuery(uri.PathAndQuery)).Append(uri.Fragment.Length > 0 ? "#" + Ellipsis : "");
        return MaskText(b.ToString());
    }

    /// <summary>A request target (<c>/path?query</c>) with secret-looking query values masked.</summary>
    public string MaskPathAndQuery(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (q < 0) return MaskText(pathAndQuery);
        var parts = pathAndQuery[(q + 1)..].Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            var name = Uri.UnescapeDataString(parts[i][..eq]);
            if (SecretQueryNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                parts[i] = parts[i][..(eq + 1)] + Mask(parts[i][(eq + 1)..]);
            }
        }
        return MaskText(pathAndQuery[..(q + 1)] + string.Join('&', parts));
    }

    private static bool IsCookieHeader(string name) =>
        name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) || name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase);

    // Cookie: every pair's value is secret. Set-Cookie: the first pair is the cookie; Path, Expires... stay readable.
    private static string MaskCookie(string value, bool setCookie)
    {
        var pairs = value.Split(';');
        for (var i = 0; i < pairs.Length; i++)
        {
            if (setCookie && i > 0) break;
            var eq = pairs[i].IndexOf('=', StringComparison.Ordinal);
            pairs[i] = eq < 0 ? Mask(pairs[i].Trim()) : pairs[i][..(eq + 1)] + Mask(pairs[i][(eq + 1)..].Trim());
        }
        return string.Join(';', pairs);
    }

    // "sk-ant-", "sk-", "ghp_", "xoxb-", "sk-proj-": letters then a dash or underscore, at most twice.
    [GeneratedRegex(@"^[A-Za-z]{1,6}[-_](?:[A-Za-z]{1,6}[-_])?")]
    private static partial Regex KeyPrefix();

    [GeneratedRegex(@"(?i)\b((?:bearer|basic)\s+)([A-Za-z0-9._~+/=\-]{8,})")]
    private static partial Regex SchemeToken();

    // API keys in the sk-... family, and JWTs (three base64url parts, the first starting with {" = eyJ).
    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-]{12,}|\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}")]
    private static partial Regex TokenShape();
}
