using ConnDiag.Ports;

namespace ConnDiag.Claude.Router;

/// <summary>
/// What the validator looks at besides the file. Everything is injectable so tests can give an environment,
/// a socket table and a PID file of their own.
/// </summary>
public sealed record RouterConfigOptions
{
    /// <summary>The environment the router will run in ($VAR resolution); this process's by default.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Whether to test that PORT is free (binds a probe listener for a moment). On by default.</summary>
    public bool CheckPort { get; init; } = true;

    /// <summary>The socket table that names a port's holder; this platform's by default.</summary>
    public IPortOwnerSource? PortOwners { get; init; }

    /// <summary>The router's PID file; by default <c>.claude-code-router.pid</c> beside the config.</summary>
    public string? PidFilePath { get; init; }

    /// <summary>Whether a PID is a running process; by default asks the operating system.</summary>
    public Func<int, bool>? ProcessAlive { get; init; }

    /// <summary>Also probe the running router at HOST:PORT (TCP, /health, / fingerprint, APIKEY). Off by default.</summary>
    public bool Probe { get; init; }

    /// <summary>
    /// With <see cref="Probe"/>, also check that each provider's api_base_url is reachable on the router's
    /// upstream path (DNS, TCP, PROXY_URL, TLS; no request, no key). On by default.
    /// </summary>
    public bool ProbeProviders { get; init; } = true;

    /// <summary>Limit for the probe's connect and each of its requests.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The default config path: <c>~/.claude-code-router/config.json</c>.</summary>
    public static string DefaultPath =>
        System.IO.Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".claude-code-router", "config.json");
}
