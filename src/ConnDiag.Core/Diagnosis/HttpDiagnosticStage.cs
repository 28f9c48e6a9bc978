using System.Globalization;
using ConnDiag.Http;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;

namespace ConnDiag.Diagnosis;

/// <summary>
/// The <c>http</c> stage: <see cref="HttpProbe"/> connected to the endpoint the TCP stage proved (Host and SNI stay
/// the name), or through the proxy when the proxy stage chose one. Skipped for bare host:port targets.
/// </summary>
public sealed class HttpDiagnosticStage : IDiagnosticStage
{
    /// <summary>The stage name in reports.</summary>
    public const string StageName = "http";

    /// <inheritdoc/>
    public string Name => StageName;

    /// <inheritdoc/>
    public Layer Layer => Layer.Http;

    /// <inheritdoc/>
    public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Uri is not { } uri)
        {
            return StageResult.Skipped(Name, Layer, $"{context.Target} is not a URL: no HTTP request");
        }

        var options = context.Options.Http;
        IHttpConnector? connector = null;
        if (context.ViaProxy && context.ProxySettings is { } proxySettings)
        {
            // https: ConnDiag opens the CONNECT tunnel itself (a Proxy phase of its own, PROXY.* findings on refusal);
            // http: the handler sends the absolute-form request to the proxy, as clients do.
            if (context.UsesTls) connector = new ProxyTunnelConnector(proxySettings, context.AddressResolver);
            options = options with { Proxy = context.UsesTls ? null : new ProxySettingsWebProxy(proxySettings), ConnectTo = null };
        }
        else if (context.ProvenEndPoint is { } pinned)
        {
            options = options with { ConnectTo = pinned, Proxy = null };
        }

        var request = context.Options.HttpRequest?.Invoke(uri) ?? new HttpProbeRequest(uri);
        var probe = new HttpProbe(context.AddressResolver, connector);
        var directProbe = connector is null ? probe : new HttpProbe(context.AddressResolver);
        var result = await probe.ProbeAsync(request, options, cancellationToken).ConfigureAwait(false);
        var summary = result.Findings.FirstOrDefault()?.Summary
            ?? string.Create(CultureInfo.InvariantCulture, $"{result.Method} {result.Uri} answered {result.StatusCode}");
        if (!(context.ViaProxy && context.Options.CompareDirect))
        {
            return new StageResult(Name, Layer, result.Outcome, 0, summary, result.Findings, result);
        }

        // The same request without the proxy, pinned to what the tcp stage proved when it found a way in.
        var directOptions = context.Options.Http with { Proxy = null, ConnectTo = context.ProvenEndPoint };
        var direct = await directProbe.ProbeAsync(request, directOptions, cancellationToken).ConfigureAwait(false);
        var comparison = DirectComparison.Compare(result, direct, context.PlannedRoute!.Proxy?.Url ?? "the proxy");
        var findings = comparison.Finding is { } differs ? [.. result.Findings, differs] : result.Findings;
        return new StageResult(Name, Layer, OutcomeRules.FromFindings(findings), 0, comparison.Finding?.Summary ?? summary, findings, comparison);
    }
}
