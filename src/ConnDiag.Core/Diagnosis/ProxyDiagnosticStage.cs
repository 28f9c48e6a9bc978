using ConnDiag.Http.Proxy;
using ConnDiag.Model;

namespace ConnDiag.Diagnosis;

/// <summary>
/// The <c>proxy</c> stage: which route the proxy settings give the URL, and when it is a proxy, whether the way
/// through it is open (<see cref="ConnectTunnelProbe"/>). Skipped with the reason when the route is direct, and
/// for bare host:port targets (proxies apply to URLs).
/// </summary>
public sealed class ProxyDiagnosticStage : IDiagnosticStage
{
    /// <inheritdoc/>
    public string Name => ProxyStage.Name;

    /// <inheritdoc/>
    public Layer Layer => Layer.Proxy;

    /// <inheritdoc/>
    public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Scheme is not { } scheme || context.ProxySettings is not { } settings)
        {
            return StageResult.Skipped(Name, Layer, $"{context.Target} is not a URL: proxy settings apply to http and https URLs");
        }
        var request = new ProxyProbeRequest(context.Target, scheme, settings, context.ResolvedAddresses);
        var options = ProxyProbeOptions.Default with { Timeout = context.Options.Timeout, Family = context.Options.Family };
        var result = await new ConnectTunnelProbe(context.AddressResolver).ProbeAsync(request, options, cancellationToken).ConfigureAwait(false);
        context.Proxy = result;
        return result.ToStageResult();
    }
}
