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

    // HTTP probe (issue 5). TCP.RESET: accepted, then reset before any response byte.
    public const string HttpUnauthorized = "HTTP.UNAUTHORIZED";
    public const string HttpForbidden = "HTTP.FORBIDDEN";
    public const string HttpNotFound = "HTTP.NOT_FOUND";
    public const string HttpMethodNotAllowed = "HTTP.METHOD_NOT_ALLOWED";
    public const string HttpRateLimited = "HTTP.RATE_LIMITED";
    public const string HttpServerError = "HTTP.SERVER_ERROR";
    public const string HttpBadGateway = "HTTP.BAD_GATEWAY";
    public const string HttpServiceUnavailable = "HTTP.SERVICE_UNAVAILABLE";
    public const string HttpGatewayTimeout = "HTTP.GATEWAY_TIMEOUT";
    public const string HttpUnexpectedStatus = "HTTP.UNEXPECTED_STATUS";
    public const string HttpUnexpectedBody = "HTTP.UNEXPECTED_BODY";
    public const string HttpSlow = "HTTP.SLOW";
    public const string HttpReset = "HTTP.RESET";
    public const string HttpPlaintextOnTlsPort = "HTTP.PLAINTEXT_ON_TLS_PORT";
    public const string HttpTlsOnPlainPort = "HTTP.TLS_ON_PLAIN_PORT";
    public const string HttpRedirectOffHost = "HTTP.REDIRECT_OFF_HOST";
    public const string HttpCorsDenied = "HTTP.CORS_DENIED";
    public const string HttpTimeout = "HTTP.TIMEOUT";
    public const string HttpHeadersTooLarge = "HTTP.HEADERS_TOO_LARGE";
    public const string HttpTooManyRedirects = "HTTP.TOO_MANY_REDIRECTS";
    public const string HttpEmptyReply = "HTTP.EMPTY_REPLY";
    public const string HttpTlsFailed = "HTTP.TLS_FAILED";
    public const string HttpProtocolError = "HTTP.PROTOCOL_ERROR";
    public const string HttpBodyTruncated = "HTTP.BODY_TRUNCATED";
    public const string TcpReset = "TCP.RESET";

    public const string ProxyConnectFailed = "PROXY.CONNECT_FAILED";
    public const string ProxyAuthRequired = "PROXY.AUTH_REQUIRED";
    public const string ProxyForbidden = "PROXY.FORBIDDEN";
    public const string ProxyUpstreamFailed = "PROXY.UPSTREAM_FAILED";
    public const string ProxyBypassed = "PROXY.BYPASSED";
    public const string ProxyLoop = "PROXY.LOOP";
    public const string ProxySocksUnsupported = "PROXY.SOCKS_UNSUPPORTED";
    public const string ProxyUrlInvalid = "PROXY.URL_INVALID";

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

    public const string DnsResolversDisagree = "DNS.RESOLVERS_DISAGREE";
    public const string DnsUnexpectedAddress = "DNS.UNEXPECTED_ADDRESS";
    public const string DnsSearchSlow = "DNS.SEARCH_SLOW";

    public const string ProxyDirectDiffers = "PROXY.DIRECT_DIFFERS";
    public const string ConfigNoProxyMissingLoopback = "CONFIG.NO_PROXY_MISSING_LOOPBACK";
    public const string ConfigTlsVerifyDisabled = "CONFIG.TLS_VERIFY_DISABLED";

    public const string ApiStatusDegraded = "API.STATUS_DEGRADED";
    public const string ApiStatusOutage = "API.STATUS_OUTAGE";
    public const string ApiStatusMaintenance = "API.STATUS_MAINTENANCE";
    public const string ApiStatusUnsupportedPage = "API.STATUS_UNSUPPORTED_PAGE";

    public const string RouterConfigSyntax = "ROUTER.CONFIG_SYNTAX";
    public const string RouterProvidersMissing = "ROUTER.PROVIDERS_MISSING";
    public const string RouterProviderInvalid = "ROUTER.PROVIDER_INVALID";
    public const string RouterProviderDuplicate = "ROUTER.PROVIDER_DUPLICATE";
    public const string RouterRouteInvalid = "ROUTER.ROUTE_INVALID";
    public const string RouterRouteUnknownProvider = "ROUTER.ROUTE_UNKNOWN_PROVIDER";
    public const string RouterRouteUnknownModel = "ROUTER.ROUTE_UNKNOWN_MODEL";
    public const string RouterEnvUnresolved = "ROUTER.ENV_UNRESOLVED";
    public const string RouterPathMissing = "ROUTER.PATH_MISSING";
    public const string RouterPortInvalid = "ROUTER.PORT_INVALID";
    public const string RouterHostForcedLoopback = "ROUTER.HOST_FORCED_LOOPBACK";
    public const string RouterProxySelf = "ROUTER.PROXY_SELF";
    public const string RouterTimeoutTooLow = "ROUTER.TIMEOUT_TOO_LOW";
    public const string RouterInlineSecret = "ROUTER.INLINE_SECRET";
    public const string RouterV3JsonIgnored = "ROUTER.V3_JSON_IGNORED";
    public const string RouterStalePid = "ROUTER.STALE_PID";

    public const string ConfigKeyMissing = "CONFIG.KEY_MISSING";
    public const string ConfigKeyMalformed = "CONFIG.KEY_MALFORMED";
    public const string ConfigKeyAndTokenBothSet = "CONFIG.KEY_AND_TOKEN_BOTH_SET";
    public const string ConfigBaseUrlInvalid = "CONFIG.BASE_URL_INVALID";
    public const string ConfigBaseUrlPath = "CONFIG.BASE_URL_PATH";
    public const string ConfigProxyUnsupportedScheme = "CONFIG.PROXY_UNSUPPORTED_SCHEME";
    public const string ConfigExtraCaInvalid = "CONFIG.EXTRA_CA_INVALID";
    public const string ConfigProviderSwitch = "CONFIG.PROVIDER_SWITCH";
    public const string ConfigSettingsInvalid = "CONFIG.SETTINGS_INVALID";
    public const string AuthInvalidKey = "AUTH.INVALID_KEY";
    public const string AuthPermission = "AUTH.PERMISSION";
    public const string AuthGatewayExpectsBearer = "AUTH.GATEWAY_EXPECTS_BEARER";
    public const string AuthRouterKeyRejected = "AUTH.ROUTER_KEY_REJECTED";
    public const string ApiRegionBlocked = "API.REGION_BLOCKED";
    public const string ApiModelNotFound = "API.MODEL_NOT_FOUND";
    public const string ApiRateLimited = "API.RATE_LIMITED";
    public const string ApiOverloaded = "API.OVERLOADED";
    public const string ApiBilling = "API.BILLING";
    public const string ApiError = "API.ERROR";
    public const string ApiUnexpectedResponse = "API.UNEXPECTED_RESPONSE";
    public const string ApiEndpointMissing = "API.ENDPOINT_MISSING";
    public const string ApiRouterProviderNotFound = "API.ROUTER_PROVIDER_NOT_FOUND";
    public const string ApiRouterUpstreamError = "API.ROUTER_UPSTREAM_ERROR";
    public const string ApiStreamBuffered = "API.STREAM_BUFFERED";
    public const string ApiStreamError = "API.STREAM_ERROR";

    // Log classification (issue 7): a process died or failed for lack of memory, which looks like a connection failure to its clients.
    public const string LocalOutOfMemory = "LOCAL.OUT_OF_MEMORY";

    // Router probe (issue 6, Test-RouterConfig -Probe): the configured router is not running, or something else holds its port.
    public const string RouterNotRunning = "ROUTER.NOT_RUNNING";
    public const string RouterNotARouter = "ROUTER.NOT_A_ROUTER";

    // Router probe, provider step: a provider's api_base_url cannot be reached the way the router reaches it (through PROXY_URL).
    public const string RouterProviderUnreachable = "ROUTER.PROVIDER_UNREACHABLE";

    // Claude profile: with a gateway or the router, Claude Code's first-run check still contacts Anthropic.
    public const string ConfigOnboardingIncomplete = "CONFIG.ONBOARDING_INCOMPLETE";

    // Claude profile: a gateway that does not serve Claude Code's HEAD /api/hello preconnect probe (noise, not a failure).
    public const string ApiHelloMissing = "API.HELLO_MISSING";

    // Claude profile: the settings' apiKeyHelper cannot start (missing, not executable, not on PATH).
    public const string ConfigKeyHelperInvalid = "CONFIG.KEY_HELPER_INVALID";
    // Test-SystemdUnit (issue 7): the systemd unit behind a service, read from its files (and systemctl where systemd runs).
    public const string ServiceUnitNotFound = "SERVICE.UNIT_NOT_FOUND";
    public const string ServiceUnitSyntax = "SERVICE.UNIT_SYNTAX";
    public const string ServiceUnitInvalid = "SERVICE.UNIT_INVALID";
    public const string ServiceEnvFileMissing = "SERVICE.ENV_FILE_MISSING";
    public const string ServiceExecMissing = "SERVICE.EXEC_MISSING";
    public const string ServiceOrdering = "SERVICE.ORDERING";
    public const string ServiceRestartDisabled = "SERVICE.RESTART_DISABLED";
    public const string ServiceNofileLow = "SERVICE.NOFILE_LOW";
    public const string ServiceUserMissing = "SERVICE.USER_MISSING";
    public const string ServiceRunsAsRoot = "SERVICE.RUNS_AS_ROOT";
    public const string ServiceInactive = "SERVICE.INACTIVE";
    public const string ServiceRuntimeUnchecked = "SERVICE.RUNTIME_UNCHECKED";
    public const string ServiceListenMismatch = "SERVICE.LISTEN_MISMATCH";
    // Firewall (issue 7, Get-FirewallRule): the local rule that drops or rejects a connect to this machine, or why the rules could not be read.
    public const string LocalFirewallRule = "LOCAL.FIREWALL_RULE";
    public const string LocalFirewallUnreadable = "LOCAL.FIREWALL_UNREADABLE";
}
