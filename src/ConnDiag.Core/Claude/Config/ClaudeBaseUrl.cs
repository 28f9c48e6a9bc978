namespace ConnDiag.Claude.Config;

/// <summary>The base URL Claude Code sends requests to, and the API URLs under it.</summary>
public static class ClaudeBaseUrl
{
    /// <summary>Anthropic's API, used when ANTHROPIC_BASE_URL is not set.</summary>
    public const string Default = "https://api.anthropic.com";

    /// <summary>The effective base URL text: ANTHROPIC_BASE_URL (from its source) or the default.</summary>
    public static (string Text, string Source) Of(ClaudeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Raw(ClaudeVariables.BaseUrl) is { } text
            ? (text, $"{ClaudeVariables.BaseUrl} ({config.SourceOf(ClaudeVariables.BaseUrl)})")
            : (Default, "default (ANTHROPIC_BASE_URL is not set)");
    }

    /// <summary>Parses a base URL; the error says what is wrong without echoing credentials in it.</summary>
    public static bool TryParse(string? text, out Uri? uri, out string? error)
    {
        uri = null;
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            error = "the base URL is empty";
            return false;
        }
        if (!Uri.TryCreate(t, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            error = $"'{ClaudeConfig.Show(t, VariableDisplay.Url)}' is not an absolute URL (expected e.g. https://api.anthropic.com)";
            return false;
        }
        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
        {
            error = $"scheme '{parsed.Scheme}' is not http or https";
            return false;
        }
        uri = parsed;
        error = null;
        return true;
    }

    /// <summary>True when the path ends in <c>/v1</c> or <c>/v1/messages</c>, which clients append themselves.</summary>
    public static bool HasApiPathSuffix(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var path = baseUrl.AbsolutePath.TrimEnd('/');
        return path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/v1/messages", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An API URL under the base, as Claude Code builds it: the base path, then <paramref name="apiPath"/> (<c>/v1/models?limit=1</c>).</summary>
    public static Uri Api(Uri baseUrl, string apiPath)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var left = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(left + apiPath);
    }
}
