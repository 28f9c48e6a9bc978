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

    public const string ClockSkew = "CLOCK.SKEW";
    public const string ClockNoResponse = "CLOCK.NO_RESPONSE";
    public const string ClockKissOfDeath = "CLOCK.KISS_OF_DEATH";
    public const string ClockServerUnsynchronized = "CLOCK.SERVER_UNSYNCHRONIZED";
    public const string ClockNoDate = "CLOCK.NO_DATE";

    public const string DnsNoServers = "DNS.NO_SERVERS";
    public const string DnsHostsOverride = "DNS.HOSTS_OVERRIDE";
}
