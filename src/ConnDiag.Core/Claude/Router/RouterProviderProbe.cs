using ConnDiag.Concurrency;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;
using ConnDiag.Secrets;
using ConnDiag.Tls;

namespace ConnDiag.Claude.Router;

/// <summary>
/// The provider step of the router probe: each distinct api_base_url origin diagnosed with the layered
/// diagnoser's dns → tcp → proxy → tls stages, routed as the router routes its upstream calls — through
/// PROXY_URL when it is set, otherwise direct, and never through this shell's HTTPS_PROXY/NO_PROXY, which
/// the router does not use. The router's Node process trusts NODE_EXTRA_CA_CERTS from its environment, so
/// this check does too. No request is sent to the provider and no key leaves the machine.
/// </summary>
internal sealed class RouterProviderProbe
{
    // A config lists a handful of providers; a few at a time keeps a slow one from holding up the rest
    // without opening many connections at once.
    private const int MaxConcurrent = 4;

    private readonly RouterConfigOptions _options;

    public RouterProviderProbe(RouterConfigOptions options) => _options = options;

    /// <summary>One check per provider with a usable http(s) base URL, in config order.</summary>
    /// <param name="providers">The validated providers (invalid ones and unresolved URLs are not probed).</param>
    /// <param name="proxyUrl">The resolved PROXY_URL, or null when the router connects direct.</param>
    /// <param name="cancellationToken">Stops the checks.</param>
    public async Task<IReadOnlyList<RouterProviderCheck>> CheckAsync(IReadOnlyList<RouterProvider> providers, string? proxyUrl, CancellationToken cancellationToken)
    {
        var targets = providers
            .Where(p => p.Valid && p.Name is not null && p.BaseUrl is not null)
            .Select(p => (Provider: p.Name!, Origin: Origin(p.BaseUrl!)))
            .Where(t => t.Origin is not null)
            .ToList();
        if (targets.Count == 0) return [];

        var options = DiagnosisOptions(proxyUrl);
        var diagnoser = new EndpointDiagnoser(_ => Plan);
        // The sweeps' throttled workers; they finish in any order, so each check keeps its index to restore config order.
        var checks = new List<(int Index, RouterProviderCheck Check)>(targets.Count);
        await foreach (var done in StreamingWorkers.RunAsync(StreamingWorkers.ToAsync(targets.Select((t, i) => (Index: i, t.Provider, Origin: t.Origin!))),
            MaxConcurrent,
            async (t, token) => (t.Index, ToCheck(t.Provider, t.Origin, proxyUrl, await diagnoser.DiagnoseAsync(t.Origin, options, token).ConfigureAwait(false))),
            progress: null, total: targets.Count, cancellationToken).ConfigureAwait(false))
        {
            checks.Add(done);
        }
        return checks.OrderBy(c => c.Index).Select(c => c.Check).ToList();
    }

    /// <summary>dns → tcp → proxy → tls: reachability only; the HTTP request would need the provider's key.</summary>
    private static StagePlan Plan { get; } = StagePlan.Of(
        new DnsDiagnosticStage(),
        new TcpDiagnosticStage(),
        new ProxyDiagnosticStage(),
        new TlsDiagnosticStage());

    private EndpointDiagnosisOptions DiagnosisOptions(string? proxyUrl)
    {
        var options = new EndpointDiagnosisOptions
        {
            Timeout = _options.ProbeTimeout,
            // An empty proxy means "none" even when this shell sets HTTPS_PROXY; an empty NO_PROXY bypasses nothing.
            Proxy = new ProxyOptions(Proxy: proxyUrl ?? "", NoProxy: "", UseEnvironment: false),
            EnvironmentVariables = _options.Environment,
        };
        if (_options.Environment("NODE_EXTRA_CA_CERTS") is { Length: > 0 } extraCa && File.Exists(extraCa))
        {
            try
            {
                options = options with { TlsChain = options.TlsChain with { Trust = TlsTrust.FromBundle(extraCa, CaBundleMode.Add) } };
            }
            catch (CertificateFileException)
            {
                // Node ignores an unreadable NODE_EXTRA_CA_CERTS (with a warning); so does this check.
            }
        }
        return options;
    }

    private static RouterProviderCheck ToCheck(string provider, Uri origin, string? proxyUrl, DiagnosticReport report)
    {
        var originText = $"{origin.Scheme}://{Target.Format(origin.Host.Trim('[', ']'), origin.Port)}";
        var proxy = proxyUrl is null ? null : SecretMasker.MaskUrlCredentials(proxyUrl);
        var failed = report.StageNamed(report.FailedStage ?? "");
        var findings = new List<Finding>();
        if (failed is not null)
        {
            var cause = failed.Findings.FirstOrDefault(f => f.Severity == Severity.Error) ?? failed.Findings.FirstOrDefault();
            var route = proxy is null ? "direct (no PROXY_URL)" : $"through PROXY_URL {proxy}";
            findings.Add(FindingCatalog.Create(FindingCodes.RouterProviderUnreachable,
                $"Provider '{provider}' at {originText} is unreachable {route}: the {failed.Stage} stage failed{(cause is null ? "" : " with " + cause.Code)}.",
                cause is null ? failed.Summary : $"{cause.Code}: {cause.Summary}"));
        }
        return new RouterProviderCheck(provider, originText, proxy, failed is null, failed?.Stage, findings, report);
    }

    /// <summary>The scheme, host and port of a base URL; null when it is not an absolute http(s) URL.</summary>
    private static Uri? Origin(string baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? new Uri(uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/")
            : null;
}
