namespace ConnDiag.Claude.Status;

/// <summary>A provider whose public status page is an Atlassian Statuspage site.</summary>
/// <param name="Name">The name users type (<c>-Provider Anthropic</c>, <c>conndiag status anthropic</c>); matched case-insensitively.</param>
/// <param name="PageUrl">The page's base URL.</param>
public sealed record StatusProvider(string Name, Uri PageUrl);

/// <summary>
/// The built-in providers. Only pages known to serve the Statuspage v2 API are listed (OpenAI's page, for one,
/// moved to another platform). The list comes from the providers' own status links and the research notes;
/// none of these hosts is contacted by ConnDiag's build or tests, so a provider that moves off Statuspage
/// shows up as API.STATUS_UNSUPPORTED_PAGE at run time, not here.
/// </summary>
public static class StatusProviders
{
    /// <summary>The default provider.</summary>
    public const string Anthropic = "Anthropic";

    private static readonly StatusProvider[] Providers =
    [
        // status.claude.com is the current page; status.anthropic.com, the older link, redirects there.
        new(Anthropic, new Uri("https://status.claude.com")),
        new("DeepSeek", new Uri("https://status.deepseek.com")),
        new("Groq", new Uri("https://groqstatus.com")),
        // GitHub Copilot's availability is reported on GitHub's own page.
        new("GitHub", new Uri("https://www.githubstatus.com")),
    ];

    /// <summary>Every built-in provider, in a fixed order (Anthropic first).</summary>
    public static IReadOnlyList<StatusProvider> All => Providers;

    /// <summary>The built-in names, for completion and error messages.</summary>
    public static IReadOnlyList<string> Names { get; } = Providers.Select(p => p.Name).ToArray();

    /// <summary>Finds a built-in provider by name, ignoring case. Pure: no lookup, no request.</summary>
    public static bool TryFind(string? name, out StatusProvider provider)
    {
        provider = Providers.FirstOrDefault(p => p.Name.Equals(name?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return provider is not null;
    }
}
