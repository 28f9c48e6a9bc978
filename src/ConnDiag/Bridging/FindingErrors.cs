using System.Management.Automation;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Bridging;

/// <summary>
/// Turns findings into PowerShell error records. The ErrorId is the finding code, so
/// FullyQualifiedErrorId is "TCP.REFUSED,ConnDiag.Commands.TestTcpPortCommand" and scripts can switch on it.
/// </summary>
internal static class FindingErrors
{
    /// <summary>The finding a failed result is reported under: the most specific Error one (LOCAL explains TCP).</summary>
    public static Finding? Primary(IReadOnlyList<Finding> findings) =>
        findings.FirstOrDefault(f => f.Severity == Severity.Error && f.Layer == Layer.Local)
        ?? findings.FirstOrDefault(f => f.Severity == Severity.Error);

    public static ErrorRecord ToErrorRecord(Finding finding, object? target)
    {
        var exception = new FindingException(finding);
        return new ErrorRecord(exception, finding.Code, CategoryOf(finding.Code), target)
        {
            ErrorDetails = new ErrorDetails(finding.Summary) { RecommendedAction = finding.Remedy },
        };
    }

    public static ErrorRecord InvalidArgument(string errorId, string message, object? target) =>
        new(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

    public static ErrorCategory CategoryOf(string code) => code switch
    {
        FindingCodes.TcpRefused => ErrorCategory.ConnectionError,
        FindingCodes.TcpFiltered => ErrorCategory.OperationTimeout,
        FindingCodes.TcpHostUnreachable or FindingCodes.TcpNetworkUnreachable => ErrorCategory.ResourceUnavailable,
        FindingCodes.TcpAdminProhibited => ErrorCategory.PermissionDenied,
        FindingCodes.DnsLookupFailed or FindingCodes.DnsNoAddress => ErrorCategory.ObjectNotFound,
        FindingCodes.LocalNotListening => ErrorCategory.ObjectNotFound,
        FindingCodes.LocalLoopbackOnly or FindingCodes.LocalWrongFamily => ErrorCategory.ConnectionError,
        FindingCodes.LocalPortInUse => ErrorCategory.ResourceBusy,
        FindingCodes.LocalOwnerHidden => ErrorCategory.PermissionDenied,
        FindingCodes.LocalFirewallRule => ErrorCategory.PermissionDenied,
        FindingCodes.LocalFirewallUnreadable => ErrorCategory.PermissionDenied,
        FindingCodes.ClockSkew => ErrorCategory.InvalidResult,
        FindingCodes.ClockNoResponse => ErrorCategory.ConnectionError,
        FindingCodes.ClockKissOfDeath => ErrorCategory.PermissionDenied,
        FindingCodes.ClockServerUnsynchronized or FindingCodes.ClockNoDate => ErrorCategory.InvalidData,
        FindingCodes.DnsNoServers => ErrorCategory.ResourceUnavailable,
        FindingCodes.DnsNxDomain or FindingCodes.DnsNoData => ErrorCategory.ObjectNotFound,
        FindingCodes.DnsServFail or FindingCodes.DnsServerError or FindingCodes.DnsMalformedResponse => ErrorCategory.InvalidResult,
        FindingCodes.DnsRefused => ErrorCategory.PermissionDenied,
        FindingCodes.DnsTimeout => ErrorCategory.OperationTimeout,
        FindingCodes.DnsUnreachable or FindingCodes.DnsTruncatedTcpBlocked => ErrorCategory.ConnectionError,
        FindingCodes.TlsHandshakeTimeout => ErrorCategory.OperationTimeout,
        FindingCodes.TlsHandshakeFailed or FindingCodes.TlsProtocolMismatch or FindingCodes.TlsNotTls => ErrorCategory.ProtocolError,
        FindingCodes.TlsCertExpired or FindingCodes.TlsCertNotYetValid or FindingCodes.TlsNameMismatch or FindingCodes.TlsChainIncomplete
            or FindingCodes.TlsUntrustedRoot or FindingCodes.TlsSelfSigned or FindingCodes.TlsIntercepted or FindingCodes.TlsRevoked
            or FindingCodes.TlsWeakSignature or FindingCodes.TlsWeakKey or FindingCodes.TlsChainInvalid => ErrorCategory.SecurityError,
        FindingCodes.HttpUnauthorized or FindingCodes.HttpForbidden or FindingCodes.HttpCorsDenied
            or FindingCodes.ProxyAuthRequired or FindingCodes.ProxyForbidden => ErrorCategory.PermissionDenied,
        FindingCodes.HttpNotFound => ErrorCategory.ObjectNotFound,
        FindingCodes.HttpMethodNotAllowed or FindingCodes.ProxyLoop => ErrorCategory.InvalidOperation,
        FindingCodes.HttpRateLimited or FindingCodes.HttpBodyTruncated => ErrorCategory.LimitsExceeded,
        FindingCodes.HttpServerError or FindingCodes.HttpBadGateway or FindingCodes.HttpServiceUnavailable
            or FindingCodes.ProxyUpstreamFailed => ErrorCategory.ResourceUnavailable,
        FindingCodes.HttpGatewayTimeout or FindingCodes.HttpTimeout or FindingCodes.HttpSlow => ErrorCategory.OperationTimeout,
        FindingCodes.HttpUnexpectedStatus or FindingCodes.HttpUnexpectedBody => ErrorCategory.InvalidResult,
        FindingCodes.HttpReset or FindingCodes.HttpEmptyReply or FindingCodes.ProxyConnectFailed => ErrorCategory.ConnectionError,
        FindingCodes.HttpPlaintextOnTlsPort or FindingCodes.HttpTlsOnPlainPort or FindingCodes.HttpProtocolError
            or FindingCodes.HttpHeadersTooLarge or FindingCodes.HttpTooManyRedirects or FindingCodes.HttpTlsFailed => ErrorCategory.ProtocolError,
        FindingCodes.HttpRedirectOffHost => ErrorCategory.SecurityError,
        FindingCodes.ProxySocksUnsupported => ErrorCategory.NotImplemented,
        FindingCodes.ProxyUrlInvalid => ErrorCategory.InvalidArgument,
        FindingCodes.ProxyDirectDiffers => ErrorCategory.InvalidResult,
        FindingCodes.ConfigNoProxyMissingLoopback or FindingCodes.ConfigTlsVerifyDisabled => ErrorCategory.InvalidArgument,
        FindingCodes.ApiStatusDegraded or FindingCodes.ApiStatusOutage or FindingCodes.ApiStatusMaintenance => ErrorCategory.ResourceUnavailable,
        FindingCodes.ApiStatusUnsupportedPage => ErrorCategory.InvalidData,
        FindingCodes.RouterConfigSyntax => ErrorCategory.ParserError,
        FindingCodes.RouterProvidersMissing or FindingCodes.RouterProviderInvalid or FindingCodes.RouterProviderDuplicate
            or FindingCodes.RouterRouteInvalid or FindingCodes.RouterRouteUnknownProvider or FindingCodes.RouterRouteUnknownModel
            or FindingCodes.RouterPortInvalid or FindingCodes.RouterProxySelf or FindingCodes.RouterTimeoutTooLow => ErrorCategory.InvalidData,
        FindingCodes.RouterEnvUnresolved or FindingCodes.RouterPathMissing => ErrorCategory.ObjectNotFound,
        FindingCodes.RouterInlineSecret or FindingCodes.RouterHostForcedLoopback => ErrorCategory.SecurityError,
        FindingCodes.RouterV3JsonIgnored or FindingCodes.RouterStalePid => ErrorCategory.InvalidOperation,
        FindingCodes.LocalOutOfMemory => ErrorCategory.ResourceUnavailable,
        FindingCodes.ConfigKeyMissing or FindingCodes.ConfigKeyHelperInvalid => ErrorCategory.ObjectNotFound,
        FindingCodes.ConfigKeyMalformed or FindingCodes.ConfigKeyAndTokenBothSet or FindingCodes.ConfigBaseUrlInvalid
            or FindingCodes.ConfigBaseUrlPath or FindingCodes.ConfigSettingsInvalid => ErrorCategory.InvalidArgument,
        FindingCodes.ConfigProxyUnsupportedScheme => ErrorCategory.NotImplemented,
        FindingCodes.ConfigExtraCaInvalid => ErrorCategory.InvalidData,
        FindingCodes.ConfigProviderSwitch or FindingCodes.ConfigOnboardingIncomplete => ErrorCategory.InvalidOperation,
        FindingCodes.AuthInvalidKey or FindingCodes.AuthGatewayExpectsBearer or FindingCodes.AuthRouterKeyRejected => ErrorCategory.AuthenticationError,
        FindingCodes.AuthPermission or FindingCodes.ApiRegionBlocked => ErrorCategory.PermissionDenied,
        FindingCodes.ApiModelNotFound or FindingCodes.ApiEndpointMissing or FindingCodes.ApiRouterProviderNotFound
            or FindingCodes.ApiHelloMissing => ErrorCategory.ObjectNotFound,
        FindingCodes.ApiRateLimited or FindingCodes.ApiBilling => ErrorCategory.QuotaExceeded,
        FindingCodes.ApiOverloaded or FindingCodes.ApiRouterUpstreamError => ErrorCategory.ResourceUnavailable,
        FindingCodes.ApiError or FindingCodes.ApiUnexpectedResponse or FindingCodes.ApiStreamError => ErrorCategory.InvalidResult,
        FindingCodes.ApiStreamBuffered => ErrorCategory.ProtocolError,
        FindingCodes.RouterNotRunning or FindingCodes.RouterProviderUnreachable => ErrorCategory.ConnectionError,
        FindingCodes.RouterNotARouter => ErrorCategory.InvalidResult,
        FindingCodes.ServiceUnitNotFound or FindingCodes.ServiceEnvFileMissing or FindingCodes.ServiceExecMissing
            or FindingCodes.ServiceUserMissing => ErrorCategory.ObjectNotFound,
        FindingCodes.ServiceUnitSyntax => ErrorCategory.ParserError,
        FindingCodes.ServiceUnitInvalid => ErrorCategory.InvalidData,
        FindingCodes.ServiceInactive => ErrorCategory.ResourceUnavailable,
        FindingCodes.ServiceListenMismatch => ErrorCategory.ConnectionError,
        _ => ErrorCategory.NotSpecified,
    };

    /// <summary>
    /// The error for a failed diagnosis: named after its primary finding (LOCAL first), or after the failed stage
    /// when no Error finding names it.
    /// </summary>
    public static ErrorRecord ForFailedReport(DiagnosticReport report) =>
        Primary(report.Findings) is { } failure
            ? ToErrorRecord(failure, report)
            : StageFailed(report.FailedStage, report.Stages.First(s => s.Outcome == Outcome.Fail).Summary, report);

    /// <summary>A stage failed without an Error finding to name it: the error is named after the stage instead.</summary>
    public static ErrorRecord StageFailed(string? stage, string summary, object? target) =>
        new(new InvalidOperationException(summary), "StageFailed", ErrorCategory.NotSpecified, target)
        {
            ErrorDetails = new ErrorDetails($"The {stage} stage failed: {summary}"),
        };
}

/// <summary>The exception inside a finding's error record; its message is the finding's summary.</summary>
public sealed class FindingException : Exception
{
    public FindingException(Finding finding) : base(finding.Summary) => Finding = finding;

    public Finding Finding { get; }
}
