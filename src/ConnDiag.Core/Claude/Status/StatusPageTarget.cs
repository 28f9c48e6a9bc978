namespace ConnDiag.Claude.Status;

/// <summary>
/// Which status page to read: a label for the report, the page's base URL, and the summary URL actually requested.
/// Built by pure functions from a provider name or a URL, so what will be contacted is known before anything is.
/// </summary>
/// <param name="Provider">The built-in provider's name, or the page's host and port for a URL.</param>
/// <param name="PageUrl">The page's base URL, without a trailing slash (<c>https://status.claude.com</c>).</param>
/// <param name="SummaryUrl"><c>{PageUrl}/api/v2/summary.json</c>.</param>
public sealed record StatusPageTarget(string Provider, string PageUrl, Uri SummaryUrl)
{
    /// <summary>The path of the Statuspage v2 summary, relative to the page's base URL.</summary>
    public const string SummaryPath = "/api/v2/summary.json";

    private static readonly string[] ApiSuffixes = ["/api/v2/summary.json", "/api/v2/status.json", "/api/v2"];

    /// <summary>The page of a built-in provider (case-insensitive name).</summary>
    /// <exception cref="ArgumentException">The name is not a built-in provider; the message lists them.</exception>
    public static StatusPageTarget ForProvider(string name)
    {
        if (!StatusProviders.TryFind(name, out var provider))
        {
            throw new ArgumentException(
                $"Unknown provider '{name}': the built-in providers are {string.Join(", ", StatusProviders.Names)}; give any other Statuspage site by its URL.",
                nameof(name));
        }
        var target = FromUrl(provider.PageUrl.OriginalString);
        return target with { Provider = provider.Name };
    }

    /// <summary>
    /// A page given by URL: its base (<c>https://status.example.com</c>, a scheme-less host means https) or the
    /// summary or status JSON itself. User info, a query or a fragment is refused: the page's address never needs them.
    /// </summary>
    /// <exception cref="ArgumentException">Not an http(s) URL of that shape; the message says why.</exception>
    public static StatusPageTarget FromUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.Trim();
        if (text.Length == 0) throw Invalid(url, "it is empty");
        if (!text.Contains("://", StringComparison.Ordinal)) text = "https://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0) throw Invalid(url, "it is not an absolute URL");
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) throw Invalid(url, $"the scheme is '{uri.Scheme}', expected https or http");
        if (uri.UserInfo.Length > 0) throw Invalid(url, "it carries user info; a public status page needs no credentials");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0) throw Invalid(url, "give the page's base URL without a query or fragment");

        var path = uri.AbsolutePath.TrimEnd('/');
        foreach (var suffix in ApiSuffixes)
        {
            if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                path = path[..^suffix.Length];
                break;
            }
        }
        var pageUrl = uri.GetLeftPart(UriPartial.Authority) + path;
        return new StatusPageTarget(uri.IsDefaultPort ? uri.Host : uri.Authority, pageUrl, new Uri(pageUrl + SummaryPath));
    }

    private static ArgumentException Invalid(string url, string why) =>
        new($"Invalid status page URL '{Secrets.SecretMasker.MaskUrlCredentials(url)}': {why}.", "url");

    public override string ToString() => $"{Provider} ({PageUrl})";
}
