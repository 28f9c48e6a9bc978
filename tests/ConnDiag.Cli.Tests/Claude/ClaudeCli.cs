using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Claude.Support;

namespace ConnDiag.Cli.Tests.Claude;

/// <summary>
/// A loopback fake of the Anthropic API (per-test CA) and a `conndiag claude` runner whose child sees only the
/// environment the test gives it: an empty HOME, no ANTHROPIC_* or proxy variables from the machine running the
/// tests, the fake's root in NODE_EXTRA_CA_CERTS. Every run has an explicit loopback base URL.
/// </summary>
internal sealed class ClaudeCli : IAsyncDisposable
{
    /// <summary>The canary key: valid at the fake, and must never appear in any output.</summary>
    public const string Key = "sk-ant-api03-clicanary0123456789abcdef0123456789Kk42";
    public const string RouterToken = "router-canary-token-0123456789";

    private static readonly string[] Cleared =
    [
        "ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_MODEL", "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX",
        "CLAUDE_CODE_USE_FOUNDRY", "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy",
        "NODE_TLS_REJECT_UNAUTHORIZED", "SSL_CERT_FILE", "SSL_CERT_DIR",
    ];

    private readonly string _home = Directory.CreateTempSubdirectory("conndiag-claude-cli-").FullName;

    /// <summary>The empty home directory the command runs with (HOME), for tests that put Claude Code files in it.</summary>
    public string Home => _home;

    private ClaudeCli(ClaudeCertificates certs, FakeAnthropicServer server)
    {
        Certificates = certs;
        Server = server;
    }

    public ClaudeCertificates Certificates { get; }

    public FakeAnthropicServer Server { get; }

    public static async Task<ClaudeCli> StartAsync()
    {
        var certs = new ClaudeCertificates();
        var server = await FakeAnthropicServer.StartAsync(certs.Leaf);
        server.ApiKey = Key;
        server.BearerToken = RouterToken;
        return new ClaudeCli(certs, server);
    }

    /// <summary>Runs `conndiag claude --base-url {fake} ARGS`; extra variables on top of the cleared environment.</summary>
    public Task<CliRun> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var env = Cleared.ToDictionary(n => n, _ => (string?)null);
        env["HOME"] = _home;
        env["NODE_EXTRA_CA_CERTS"] = Certificates.RootPemPath;
        env["CANARY_KEY"] = Key;
        env["ROUTER_TOKEN"] = RouterToken;
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) env[k] = v;
        return Conndiag.RunAsync(["claude", "--base-url", Server.BaseUrl, "--timeout", "10", .. args], stdin: null, environment: env);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Certificates.Dispose();
        Directory.Delete(_home, recursive: true);
    }
}
