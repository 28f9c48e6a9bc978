using ConnDiag.Model;

namespace ConnDiag.Claude.Router;

/// <summary>Which claude-code-router generation the config belongs to.</summary>
public enum RouterGeneration
{
    /// <summary>v1.x or v2.x: config.json is the configuration.</summary>
    V2,
    /// <summary>v3: config.sqlite is the configuration; config.json was read once, as a migration source.</summary>
    V3,
}

/// <summary>Where a provider's api_key comes from.</summary>
public enum RouterKeySource
{
    /// <summary>No api_key property.</summary>
    None,
    /// <summary>An empty string (local servers such as Ollama need none).</summary>
    Empty,
    /// <summary>A literal value written in the file.</summary>
    Inline,
    /// <summary>A $VAR / ${VAR} reference resolved from the environment.</summary>
    Environment,
    /// <summary>A $VAR / ${VAR} reference whose variable is not set (or empty).</summary>
    Unresolved,
}

/// <summary>One entry of Providers[], as the router will use it.</summary>
/// <param name="Name">The provider name (null when missing).</param>
/// <param name="BaseUrl">api_base_url after $VAR resolution, with secret-looking query values masked.</param>
/// <param name="Models">The models it serves.</param>
/// <param name="KeySource">Where the api_key comes from.</param>
/// <param name="KeyVariable">The environment variable named by the api_key, when it is a reference.</param>
/// <param name="MaskedKey">The api_key masked (<c>sk-…Ab12</c>); null when there is none or it is unresolved.</param>
/// <param name="Valid">False when a finding says the entry is unusable.</param>
public sealed record RouterProvider(
    string? Name, string? BaseUrl, IReadOnlyList<string> Models, RouterKeySource KeySource, string? KeyVariable, string? MaskedKey, bool Valid);

/// <summary>One Router entry: a request class and the provider,model it goes to.</summary>
/// <param name="Name">The Router key (default, background, think, longContext, webSearch, image).</param>
/// <param name="Provider">The provider part of the route string (null when it cannot be split).</param>
/// <param name="Model">The model part.</param>
/// <param name="Valid">True when the provider exists and lists the model.</param>
public sealed record RouterRoute(string Name, string? Provider, string? Model, bool Valid);

/// <summary>
/// The result of validating a claude-code-router config: what the router will run with and what is wrong.
/// Secrets appear only masked.
/// </summary>
/// <param name="Path">The full path of the config file.</param>
/// <param name="Generation">v1/v2 (JSON) or v3 (SQLite; the JSON is then not validated).</param>
/// <param name="Providers">Providers[] in file order.</param>
/// <param name="Routes">Router entries that are set, in the router's order.</param>
/// <param name="Port">The port the router listens on (PORT, default 3456); null when PORT is invalid.</param>
/// <param name="Host">The address it listens on (HOST, default 127.0.0.1; 127.0.0.1 when forced to loopback).</param>
/// <param name="Findings">ROUTER.* and LOCAL.PORT_IN_USE findings.</param>
public sealed record RouterConfigReport(
    string Path,
    RouterGeneration Generation,
    IReadOnlyList<RouterProvider> Providers,
    IReadOnlyList<RouterRoute> Routes,
    int? Port,
    string? Host,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>What the running router answered, when a probe was asked for (<see cref="RouterConfigOptions.Probe"/>); else null.</summary>
    public RouterProbeResult? Probe { get; init; }

    /// <summary>
    /// With a probe, whether each provider's api_base_url is reachable the way the router reaches it (through
    /// PROXY_URL when set), in config order; null when providers were not probed.
    /// </summary>
    public IReadOnlyList<RouterProviderCheck>? ProviderChecks { get; init; }

    /// <summary>True when no finding is an error (the probe's and the provider checks' included).</summary>
    public bool IsValid =>
        !Findings.Any(f => f.Severity == Severity.Error)
        && Probe?.Outcome != Outcome.Fail
        && !(ProviderChecks ?? []).Any(c => !c.Reachable);
}
