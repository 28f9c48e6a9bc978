using ConnDiag.Claude.Api;
using ConnDiag.Diagnosis;
using ConnDiag.Http;
using ConnDiag.Http.Proxy;

namespace ConnDiag.Claude.Profile;

/// <summary>
/// Sends one API request the way the http stage sends its own: through the proxy tunnel the proxy stage chose,
/// or pinned to the endpoint the tcp stage proved, with the run's trust. Every status is an answer to classify
/// here (no generic status findings); transport failures keep the probe's findings.
/// </summary>
internal static class ApiExchange
{
    /// <summary>Enough of a body to read an error, a model page or a short SSE stream; never more is kept.</summary>
    public const int PreviewBytes = 64 * 1024;

    private static readonly IReadOnlyList<int> AnyStatus = Enumerable.Range(100, 500).ToList();

    public static async Task<HttpProbeResult> SendAsync(DiagnosticContext context, HttpProbeRequest request, CancellationToken cancellationToken, Action<ReadOnlyMemory<byte>>? onBodyRead = null)
    {
        var options = context.Options.Http with
        {
            ExpectStatus = AnyStatus,
            BodyPreviewBytes = PreviewBytes,
            MaxBodyBytes = Math.Max(context.Options.Http.MaxBodyBytes, PreviewBytes),
            Retries = 0,
            Origin = null,
            OnBodyRead = onBodyRead,
        };
        IHttpConnector? connector = null;
        if (context.ViaProxy && context.ProxySettings is { } proxySettings)
        {
            if (context.UsesTls) connector = new ProxyTunnelConnector(proxySettings, context.AddressResolver);
            options = options with { Proxy = context.UsesTls ? null : new ProxySettingsWebProxy(proxySettings), ConnectTo = null };
        }
        else if (context.ProvenEndPoint is { } pinned)
        {
            options = options with { ConnectTo = pinned, Proxy = null };
        }
        var probe = new HttpProbe(context.AddressResolver, connector);
        return await probe.ProbeAsync(request, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the request id and rate limits of an answer in the run.</summary>
    public static void Collect(ClaudeRun run, HttpProbeResult result)
    {
        foreach (var attempt in result.Attempts)
        {
            foreach (var e in attempt.Exchanges.Where(e => e.HasResponse))
            {
                run.AddRequestId(ApiErrorClassifier.RequestId(e));
                if (RateLimits.From(e.ResponseHeaders) is { } limits) run.RateLimits = limits;
            }
        }
    }
}
