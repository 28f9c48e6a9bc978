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
        if (context.ViaProxy && context.Proxy is { } proxy)
        {
            options = options with { Proxy = new ProxySettingsWebProxy(proxy.Settings), ConnectTo = null };
        }
        else if (context.ProvenEndPoint is { } pinned)
        {
            options = options with { ConnectTo = pinned, Proxy = null };
        }

        var request = context.Options.HttpRequest?.Invoke(uri) ?? new HttpProbeRequest(uri);
        var result = await new HttpProbe().ProbeAsync(request, options, cancellationToken).ConfigureAwait(false);
        var summary = result.Findings.FirstOrDefault()?.Summary
            ?? string.Create(CultureInfo.InvariantCulture, $"{result.Method} {result.Uri} answered {result.StatusCode}");
        return new StageResult(Name, Layer, result.Outcome, 0, summary, result.Findings, result);
    }
}
