using System.Diagnostics;
using System.Net;
using ConnDiag.Dns;
using ConnDiag.Model;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// The HTTP probe's connect step through a proxy, done by ConnDiag rather than by the HTTP handler: a CONNECT
/// tunnel opened with <see cref="ConnectTunnelProbe"/>, so the time of the CONNECT exchange is its own phase
/// (<see cref="HttpPhases.ProxyMs"/>) and a refusal carries the same PROXY.* findings as the proxy stage. Hosts
/// the settings send direct (no proxy, NO_PROXY) go to the direct connector.
/// </summary>
public sealed class ProxyTunnelConnector : IHttpConnector
{
    private readonly ProxySettings _settings;
    private readonly IAddressResolver? _resolver;
    private readonly IHttpConnector _direct;
    private readonly ProxyProbeOptions _options;

    /// <param name="settings">The proxy settings for https targets.</param>
    /// <param name="resolver">Resolves the proxy's name (and direct hosts); the system resolver when null.</param>
    /// <param name="options">Proxy TLS and certificate options; the timeout and family come from each connect request.</param>
    public ProxyTunnelConnector(ProxySettings settings, IAddressResolver? resolver = null, ProxyProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _resolver = resolver;
        _direct = new DirectHttpConnector(resolver);
        _options = options ?? ProxyProbeOptions.Default;
    }

    /// <inheritdoc/>
    public async ValueTask<HttpConnection> ConnectAsync(HttpConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_settings.Decide(request.Host, request.Port).Route != ProxyRoute.ViaProxy)
        {
            return await _direct.ConnectAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var start = Stopwatch.GetTimestamp();
        var probeRequest = new ProxyProbeRequest(new Target(request.Host, request.Port), "https", _settings);
        var options = _options with { Timeout = request.ConnectTimeout, Family = request.Family };
        var tunnel = await new ConnectTunnelProbe(_resolver).OpenAsync(probeRequest, options, cancellationToken).ConfigureAwait(false);
        var r = tunnel.Result;
        if (tunnel.Stream is null || r.TunnelStatus != ProxyTunnelStatus.Established || r.ConnectedAttempt is not { } via)
        {
            await tunnel.DisposeAsync().ConfigureAwait(false);
            var reached = r.ConnectedAttempt is not null;
            throw new HttpConnectException(reached ? HttpPhase.Proxy : HttpPhase.Connect, r.Findings,
                r.Findings.FirstOrDefault()?.Summary ?? $"the proxy did not open a tunnel ({r.TunnelStatus})", r.ProxyResolveMs ?? 0)
            {
                ProxyConnectMs = reached ? (r.ProxyConnectMs ?? 0) + (r.ProxyTlsMs ?? 0) : null,
            };
        }
        var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var dns = r.ProxyResolveMs ?? 0;
        var connect = (r.ProxyConnectMs ?? 0) + (r.ProxyTlsMs ?? 0);
        // Whatever the parts do not account for belongs to the CONNECT exchange, so the phases add up to the call.
        var tunnelMs = Math.Max(0, total - dns - connect);
        return new HttpConnection(tunnel.DetachStream(), new IPEndPoint(via.RemoteAddress, via.Port), dns, tunnelMs);
    }
}
