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

    public const string DnsNxDomain = "DNS.NXDOMAIN";
    public const string DnsNoData = "DNS.NODATA";
    public const string DnsServFail = "DNS.SERVFAIL";
    public const string DnsRefused = "DNS.REFUSED";
    public const string DnsServerError = "DNS.SERVER_ERROR";
    public const string DnsTimeout = "DNS.TIMEOUT";
    public const string DnsUnreachable = "DNS.UNREACHABLE";
    public const string DnsMalformedResponse = "DNS.MALFORMED_RESPONSE";
    public const string DnsMismatchedResponse = "DNS.MISMATCHED_RESPONSE";
    public const string DnsTruncatedTcpBlocked = "DNS.TRUNCATED_TCP_BLOCKED";
    public const string DnsNoServers = "DNS.NO_SERVERS";
}
