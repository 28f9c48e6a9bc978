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

    public const string TlsHandshakeFailed = "TLS.HANDSHAKE_FAILED";
    public const string TlsProtocolMismatch = "TLS.PROTOCOL_MISMATCH";
    public const string TlsNotTls = "TLS.NOT_TLS";
    public const string TlsHandshakeTimeout = "TLS.HANDSHAKE_TIMEOUT";
    public const string TlsCertExpired = "TLS.CERT_EXPIRED";
    public const string TlsCertNotYetValid = "TLS.CERT_NOT_YET_VALID";
    public const string TlsExpiresSoon = "TLS.EXPIRES_SOON";
    public const string TlsNameMismatch = "TLS.NAME_MISMATCH";
    public const string TlsChainIncomplete = "TLS.CHAIN_INCOMPLETE";
    public const string TlsUntrustedRoot = "TLS.UNTRUSTED_ROOT";
    public const string TlsSelfSigned = "TLS.SELF_SIGNED";
    public const string TlsIntercepted = "TLS.INTERCEPTED";
    public const string TlsRevoked = "TLS.REVOKED";
    public const string TlsRevocationUnknown = "TLS.REVOCATION_UNKNOWN";
    public const string TlsWeakSignature = "TLS.WEAK_SIGNATURE";
    public const string TlsWeakKey = "TLS.WEAK_KEY";
    public const string TlsChainInvalid = "TLS.CHAIN_INVALID";
}
