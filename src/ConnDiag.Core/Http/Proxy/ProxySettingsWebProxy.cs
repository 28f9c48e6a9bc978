using System.Net;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// <see cref="ProxySettings"/> as an <see cref="IWebProxy"/>, for <c>SocketsHttpHandler.Proxy</c>: http targets
/// then go as absolute-form requests through the same proxy the proxy stage tested, with the bypass decision
/// made by <see cref="NoProxyMatcher"/> (curl's rules, not .NET's own NO_PROXY reading) and the credentials
/// from the settings. The handler sends them when the proxy answers 407 with Basic.
/// </summary>
/// <remarks>
/// SocketsHttpHandler supports http and https proxies and socks4, socks4a and socks5 (it sends the target name
/// to a SOCKS5 proxy, so <c>socks5h</c> is mapped to <c>socks5</c>). The settings are per target scheme: build
/// them for the scheme of the requests this handler sends.
/// </remarks>
public sealed class ProxySettingsWebProxy : IWebProxy
{
    private readonly ProxySettings _settings;
    private readonly Uri? _proxyUri;

    /// <summary>Adapts <paramref name="settings"/>. Without a usable proxy every destination is bypassed.</summary>
    public ProxySettingsWebProxy(ProxySettings settings)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        if (settings.Proxy is { } p)
        {
            var uri = p.ToUriWithoutCredentials();
            _proxyUri = p.Scheme == ProxyScheme.Socks5h ? new UriBuilder(uri) { Scheme = "socks5" }.Uri : uri;
            Credentials = p.Credentials?.ToNetworkCredential();
        }
    }

    /// <summary>The proxy's credentials (null when none are configured).</summary>
    public ICredentials? Credentials { get; set; }

    /// <summary>The proxy URI for <paramref name="destination"/>, or the destination itself when it is bypassed (the IWebProxy convention).</summary>
    public Uri? GetProxy(Uri destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return IsBypassed(destination) ? destination : _proxyUri;
    }

    /// <summary>True when no usable proxy is configured or a NO_PROXY entry matches the destination's host and port.</summary>
    public bool IsBypassed(Uri host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_proxyUri is null) return true;
        var name = host.HostNameType == UriHostNameType.IPv6 ? host.Host.Trim('[', ']') : host.Host;
        return _settings.NoProxy.Bypasses(name, host.Port);
    }
}
