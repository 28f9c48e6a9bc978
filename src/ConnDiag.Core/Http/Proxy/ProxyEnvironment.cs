namespace ConnDiag.Http.Proxy;

/// <summary>
/// The proxy environment variables in curl's order of precedence, and ways to read an environment without
/// touching the process's own (tests pass a dictionary).
/// </summary>
/// <remarks>
/// curl (lib/url.c detect_proxy) reads <c>{scheme}_proxy</c> in lower case first, then in upper case, then
/// <c>all_proxy</c>, then <c>ALL_PROXY</c>. The exception is http: only <c>http_proxy</c> is read, never
/// <c>HTTP_PROXY</c>, because a CGI program gets every request header as an <c>HTTP_*</c> variable, so a client
/// sending <c>Proxy: evil:80</c> would set HTTP_PROXY for it ("httpoxy"). curl_getenv treats an empty variable as
/// unset, so <c>https_proxy=</c> does not hide <c>HTTPS_PROXY</c> (checked with curl 7.88). NO_PROXY is read as
/// <c>no_proxy</c>, then <c>NO_PROXY</c>, by the same rules.
/// On Windows variable names are case-insensitive, so both spellings are the same variable there.
/// </remarks>
public static class ProxyEnvironment
{
    /// <summary>The process environment.</summary>
    public static Func<string, string?> Process { get; } = System.Environment.GetEnvironmentVariable;

    /// <summary>A fixed environment (names are case-sensitive, as on Linux).</summary>
    public static Func<string, string?> From(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return name => variables.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>The variables consulted for a proxy, in order, for a target URL scheme (e.g. <c>https</c>).</summary>
    public static IReadOnlyList<string> ProxyVariablesFor(string targetScheme)
    {
        var lower = targetScheme.ToLowerInvariant() + "_proxy";
        return lower == "http_proxy"
            ? [lower, "all_proxy", "ALL_PROXY"]
            : [lower, lower.ToUpperInvariant(), "all_proxy", "ALL_PROXY"];
    }

    /// <summary>The NO_PROXY variables, in order.</summary>
    public static IReadOnlyList<string> NoProxyVariables { get; } = ["no_proxy", "NO_PROXY"];

    /// <summary>The first variable of <paramref name="names"/> that is set to a non-empty value, or null.</summary>
    public static (string Name, string Value)? FirstSet(Func<string, string?> environment, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var name in names)
        {
            if (environment(name) is { Length: > 0 } value) return (name, value);
        }
        return null;
    }
}
