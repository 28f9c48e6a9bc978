namespace ConnDiag.Findings;

/// <summary>Finding codes as constants, so a typo is a compile error rather than an unknown code.</summary>
public static class FindingCodes
{
    public const string DnsLookupFailed = "DNS.LOOKUP_FAILED";
    public const string DnsNoAddress = "DNS.NO_ADDRESS";

    public const string TcpRefused = "TCP.REFUSED";
    public const string TcpFiltered = "TCP.FILTERED";
    public const string TcpHostUnreachable = "TCP.HOST_UNREACHABLE";
    public const string TcpNetworkUnreachable = "TCP.NETWORK_UNREACHABLE";
    public const string TcpAdminProhibited = "TCP.ADMIN_PROHIBITED";
    public const string TcpPartial = "TCP.PARTIAL";
    public const string TcpIpv6Broken = "TCP.IPV6_BROKEN";
    public const string TcpError = "TCP.ERROR";

    public const string LocalNotListening = "LOCAL.NOT_LISTENING";
    public const string LocalLoopbackOnly = "LOCAL.LOOPBACK_ONLY";
    public const string LocalWrongFamily = "LOCAL.WRONG_FAMILY";
    public const string LocalPortInUse = "LOCAL.PORT_IN_USE";
    public const string LocalOwnerHidden = "LOCAL.OWNER_HIDDEN";

    public const string ProxyConnectFailed = "PROXY.CONNECT_FAILED";
    public const string ProxyAuthRequired = "PROXY.AUTH_REQUIRED";
    public const string ProxyForbidden = "PROXY.FORBIDDEN";
    public const string ProxyUpstreamFailed = "PROXY.UPSTREAM_FAILED";
    public const string ProxyBypassed = "PROXY.BYPASSED";
    public const string ProxyLoop = "PROXY.LOOP";
    public const string ProxySocksUnsupported = "PROXY.SOCKS_UNSUPPORTED";
    public const string ProxyUrlInvalid = "PROXY.URL_INVALID";
}
