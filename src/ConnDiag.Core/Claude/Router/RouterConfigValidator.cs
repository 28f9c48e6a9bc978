using System.Text.Json;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Claude.Router;

/// <summary>
/// Validates a claude-code-router config the way the router will read it: generation first (v3 ignores
/// config.json), then JSON5 syntax, providers, routes, $VAR references, script paths, the listening address,
/// the upstream proxy, the timeout, inline secrets, and the PID file and port on this machine.
/// Read-only: the file is opened for reading and never written.
/// </summary>
public sealed class RouterConfigValidator
{
    private readonly RouterConfigOptions _options;

    public RouterConfigValidator(RouterConfigOptions? options = null) => _options = options ?? new RouterConfigOptions();

    /// <summary>
    /// The report for the config at <paramref name="path"/>. Throws <see cref="RouterConfigInputException"/> when the
    /// path is not a readable config file (missing, a directory, larger than 4 MiB, binary, not UTF-8).
    /// </summary>
    public async Task<RouterConfigReport> ValidateAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var sqlite = Path.Combine(Path.GetDirectoryName(full) ?? ".", "config.sqlite");
        if (File.Exists(sqlite) && !Directory.Exists(full))
        {
            return await WithProbeAsync(V3(full, sqlite), null, cancellationToken).ConfigureAwait(false);
        }

        var text = await RouterConfigFile.ReadAsync(full, cancellationToken).ConfigureAwait(false);
        JsonDocument doc;
        try
        {
            doc = RouterJson.Parse(text);
        }
        catch (RouterSyntaxException ex)
        {
            return Empty(full, FindingCatalog.Create(FindingCodes.RouterConfigSyntax,
                $"{full}:{ex.Line}:{ex.Column}: {ex.Reason}.",
                $"Parsed as JSON5 (comments and trailing commas allowed); the error is at line {ex.Line}, column {ex.Column}."));
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Empty(full, FindingCatalog.Create(FindingCodes.RouterConfigSyntax,
                    $"{full}:1:1: the top level is {RouterConfigContext.Kind(doc.RootElement)}, not an object.",
                    "The router expects one JSON object with Providers and Router."));
            }
            var c = new RouterConfigContext(full, doc.RootElement, _options);
            EnvRule.Check(c);
            SecretRule.Check(c);
            var providers = ProviderRules.Check(c);
            var routes = RouteRules.Check(c, providers);
            PathRules.Check(c);
            var port = ServerRules.Port(c);
            var host = ServerRules.Host(c);
            ServerRules.Proxy(c, port, host);
            ServerRules.Timeout(c);
            var pid = LocalStateChecks.RouterPid(c);
            if (port is { } p) await LocalStateChecks.PortAsync(c, p, host, pid, cancellationToken).ConfigureAwait(false);
            var report = new RouterConfigReport(full, RouterGeneration.V2, providers, routes, port, host, c.MaskedFindings());
            if (port is null) return report;
            var probed = await WithProbeAsync(report, ApiKey(c), cancellationToken).ConfigureAwait(false);
            return await WithProviderChecksAsync(probed, ServerRules.UpstreamProxy(c, port, host), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<RouterConfigReport> WithProbeAsync(RouterConfigReport report, string? apiKey, CancellationToken cancellationToken)
    {
        if (!_options.Probe) return report;
        // A v3 config lives in SQLite: probe the router's defaults, without a key.
        var probe = await new RouterProbe(_options.PortOwners, _options.ProbeTimeout)
            .ProbeAsync(report.Host ?? ServerRules.DefaultHost, report.Port ?? ServerRules.DefaultPort, apiKey, cancellationToken).ConfigureAwait(false);
        // The router answering on its own port is the expected state, not a conflict.
        var findings = probe.Generation is null ? report.Findings : report.Findings.Where(f => f.Code != FindingCodes.LocalPortInUse).ToList();
        return report with { Findings = findings, Probe = probe };
    }

    private async Task<RouterConfigReport> WithProviderChecksAsync(RouterConfigReport report, string? proxyUrl, CancellationToken cancellationToken)
    {
        if (!_options.Probe || !_options.ProbeProviders) return report;
        var checks = await new RouterProviderProbe(_options).CheckAsync(report.Providers, proxyUrl, cancellationToken).ConfigureAwait(false);
        return report with { ProviderChecks = checks };
    }

    private static string? ApiKey(RouterConfigContext c) =>
        RouterConfigContext.GetString(c.Root, "APIKEY") is { Length: > 0 } raw && !c.HasUnresolved(raw) ? c.Resolve(raw) : null;

    private static RouterConfigReport Empty(string path, Finding finding) =>
        new(path, RouterGeneration.V2, [], [], null, null, [finding]);

    private static RouterConfigReport V3(string path, string sqlite)
    {
        var json = File.Exists(path)
            ? $"{path} was read once, as a migration source; later edits to it are ignored."
            : $"There is no {Path.GetFileName(path)}; that is normal for v3.";
        return new RouterConfigReport(path, RouterGeneration.V3, [], [], null, null,
        [
            FindingCatalog.Create(FindingCodes.RouterV3JsonIgnored,
                $"claude-code-router v3 is configured here ({sqlite} exists): {json}",
                $"{sqlite} exists beside the config path; v3 keeps providers and routes in SQLite."),
        ]);
    }
}
