namespace ConnDiag.Http.Proxy;

/// <summary>Where a proxy setting came from.</summary>
public enum ProxySourceKind
{
    /// <summary>An explicit option of the caller (<c>-Proxy</c>, <c>--proxy</c>, ...).</summary>
    Option,

    /// <summary>An environment variable.</summary>
    Environment,
}

/// <summary>The source of one proxy setting: an option name or an environment variable name, as spelled.</summary>
/// <param name="Kind">Option or environment variable.</param>
/// <param name="Name">The option's name (e.g. <c>Proxy</c>) or the variable's exact name (e.g. <c>https_proxy</c>).</param>
public sealed record ProxyValueSource(ProxySourceKind Kind, string Name)
{
    /// <summary><c>environment variable https_proxy</c> or <c>option Proxy</c>.</summary>
    public override string ToString() => Kind == ProxySourceKind.Environment ? $"environment variable {Name}" : $"option {Name}";
}
