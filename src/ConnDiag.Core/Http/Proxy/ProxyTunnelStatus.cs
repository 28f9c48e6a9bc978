namespace ConnDiag.Http.Proxy;

/// <summary>How far the way through the proxy got.</summary>
public enum ProxyTunnelStatus
{
    /// <summary>No proxy applies (direct, bypassed, unusable URL, or a loop): nothing was sent.</summary>
    NotAttempted,

    /// <summary>An http target: the client sends absolute-form requests to the proxy, no CONNECT; the proxy accepted TCP (and TLS).</summary>
    NotNeeded,

    /// <summary>The proxy answered CONNECT with 2xx: the tunnel is open.</summary>
    Established,

    /// <summary>407 (or a 401, which some proxies send for wrong credentials): the proxy wants (other) credentials.</summary>
    AuthRequired,

    /// <summary>403: the proxy's policy refuses the target.</summary>
    Forbidden,

    /// <summary>502, 503 or 504: the proxy could not reach the target.</summary>
    UpstreamFailed,

    /// <summary>Another status: the proxy refused the CONNECT.</summary>
    Rejected,

    /// <summary>The proxy's name did not resolve, or no address of it accepted TCP.</summary>
    ProxyUnreachable,

    /// <summary>The TLS handshake with an https proxy failed.</summary>
    ProxyTlsFailed,

    /// <summary>The proxy did not answer CONNECT in time, or closed the connection without answering.</summary>
    NoAnswer,

    /// <summary>The proxy answered with something that is not an HTTP response (or one over the header cap).</summary>
    InvalidResponse,

    /// <summary>A SOCKS proxy: TCP to it was checked, but ConnDiag does not tunnel through SOCKS.</summary>
    Unsupported,
}
