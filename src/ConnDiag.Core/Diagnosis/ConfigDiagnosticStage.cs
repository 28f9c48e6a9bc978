using System.Net;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Diagnosis;

/// <summary>
/// The <c>config</c> stage: what the settings alone say before anything is sent — the route the proxy settings
/// give the target, a local target that would be handed to a proxy, certificate checks turned off. It never
/// fails (a setting is a risk, not a broken connection); its warnings often explain a later stage's failure.
/// </summary>
public sealed class ConfigDiagnosticStage : IDiagnosticStage
{
    /// <summary>The stage name in reports.</summary>
    public const string StageName = "config";

    /// <inheritdoc/>
    public string Name => StageName;

    /// <inheritdoc/>
    public Layer Layer => Layer.Config;

    /// <inheritdoc/>
    public Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var findings = new List<Finding>();
        var options = context.Options;

        if (context.ViaProxy && IsLoopback(context.Target.Host))
        {
            var settings = context.ProxySettings!;
            var noProxy = settings.NoProxy.Raw is { Length: > 0 } raw ? $"NO_PROXY is '{raw}' ({settings.NoProxySource})" : "NO_PROXY is not set";
            findings.Add(FindingCatalog.Create(FindingCodes.ConfigNoProxyMissingLoopback,
                $"{context.Target} is on this machine, but the proxy settings send it to {context.PlannedRoute!.Proxy?.Url}.",
                $"{context.PlannedRoute.Reason}; {noProxy}, which does not match {context.Target.Host}."));
        }
        if (context.UsesTls && (options.TlsChain.SkipCertificateCheck || options.Http.SkipCertificateCheck))
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ConfigTlsVerifyDisabled,
                $"Certificates of {context.Target} are not validated in this run.",
                "The skip-certificate-check option was given: the TLS and HTTP stages accept any certificate and report the chain's problems without failing on them."));
        }

        var route = context.PlannedRoute is { } decided ? decided.Reason : "host:port target: proxy settings do not apply";
        var trust = options.TlsChain.Trust.Description;
        var summary = findings.Count > 0 ? findings[0].Summary : $"route: {route}; trust: {trust}";
        return Task.FromResult(new StageResult(Name, Layer, OutcomeRules.FromFindings(findings), 0, summary, findings,
            new ConfigEvidence(context.PlannedRoute?.Route.ToString() ?? "NotApplicable", route, trust,
                options.TlsChain.SkipCertificateCheck || options.Http.SkipCertificateCheck)));
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var a) && IPAddress.IsLoopback(a));
}

/// <summary>What the config stage read: the route and why, the trust used, and whether certificate checks were off.</summary>
/// <param name="Route">Direct, ViaProxy, Bypassed, Unusable, or NotApplicable for host:port targets.</param>
/// <param name="RouteReason">The setting that decided the route, and its source (credentials masked).</param>
/// <param name="Trust">The trust store or CA bundle certificates are checked against.</param>
/// <param name="CertificateCheckSkipped">True when certificate validation was turned off.</param>
public sealed record ConfigEvidence(string Route, string RouteReason, string Trust, bool CertificateCheckSkipped);
