namespace ConnDiag.Http.Proxy;

/// <summary>The kind of proxy a proxy URL names, as curl reads the URL's scheme.</summary>
public enum ProxyScheme
{
    /// <summary><c>http://</c> (also a URL without a scheme): plain HTTP to the proxy, CONNECT for https targets.</summary>
    Http,

    /// <summary><c>https://</c>: TLS to the proxy itself, then CONNECT inside it.</summary>
    Https,

    /// <summary><c>socks4://</c> (curl also reads <c>socks://</c> as SOCKS4): the client resolves the target name.</summary>
    Socks4,

    /// <summary><c>socks4a://</c>: the proxy resolves the target name.</summary>
    Socks4a,

    /// <summary><c>socks5://</c>: the client resolves the target name.</summary>
    Socks5,

    /// <summary><c>socks5h://</c>: the proxy resolves the target name.</summary>
    Socks5h,
}

/// <summary>Facts about <see cref="ProxyScheme"/> values.</summary>
public static class ProxySchemes
{
    /// <summary>curl's default proxy port (CURL_DEFAULT_PROXY_PORT), used for HTTP and SOCKS proxies without a port.</summary>
    public const int DefaultPort = 1080;

    /// <summary>curl's default port for an HTTPS proxy without a port (CURL_DEFAULT_HTTPS_PROXY_PORT).</summary>
    public const int DefaultHttpsPort = 443;

    /// <summary>
    /// The port curl uses when the proxy URL has none: 443 for https, else 1080. (Squid's 3128 and port 80 are
    /// conventions of particular proxies, not defaults of the clients; curl never assumes them.)
    /// </summary>
    public static int DefaultPortFor(ProxyScheme scheme) => scheme == ProxyScheme.Https ? DefaultHttpsPort : DefaultPort;

    /// <summary>True for the SOCKS variants.</summary>
    public static bool IsSocks(this ProxyScheme scheme) => scheme is ProxyScheme.Socks4 or ProxyScheme.Socks4a or ProxyScheme.Socks5 or ProxyScheme.Socks5h;

    /// <summary>The URL scheme as written (<c>socks5h</c>).</summary>
    public static string UrlScheme(this ProxyScheme scheme) => scheme switch
    {
        ProxyScheme.Http => "http",
        ProxyScheme.Https => "https",
        ProxyScheme.Socks4 => "socks4",
        ProxyScheme.Socks4a => "socks4a",
        ProxyScheme.Socks5 => "socks5",
        ProxyScheme.Socks5h => "socks5h",
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null),
    };

    /// <summary>Reads a URL scheme case-insensitively; <c>socks</c> is SOCKS4 as in curl. False for anything else.</summary>
    public static bool TryParse(string text, out ProxyScheme scheme)
    {
        switch (text.ToLowerInvariant())
        {
            case "http": scheme = ProxyScheme.Http; return true;
            case "https": scheme = ProxyScheme.Https; return true;
            case "socks":
            case "socks4": scheme = ProxyScheme.Socks4; return true;
            case "socks4a": scheme = ProxyScheme.Socks4a; return true;
            case "socks5": scheme = ProxyScheme.Socks5; return true;
            case "socks5h": scheme = ProxyScheme.Socks5h; return true;
            default: scheme = default; return false;
        }
    }
}
