using System.Globalization;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Claude.Api;

/// <summary>
/// Turns an answer to an API request into the finding that names its cause: the API's own error types, the
/// edge's region block, gateway and claude-code-router error shapes, and pages that are not the API at all.
/// Success statuses give no finding.
/// </summary>
public static class ApiErrorClassifier
{
    /// <summary>The finding for <paramref name="exchange"/>'s answer, or null when it is a success (2xx).</summary>
    public static Finding? Classify(HttpExchange exchange, ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(call);
        if (exchange.StatusCode is not { } status || status is >= 200 and < 300) return null;
        var contentType = exchange.HeaderValues("Content-Type").FirstOrDefault();
        var error = ApiErrorParser.Parse(exchange.BodyPreview, contentType);
        var evidence = Evidence(exchange, error);
        var line = $"{call.Label} answered {HttpTextStatus(exchange)}";
        var said = error?.Message is { Length: > 0 } m ? $" \"{m}\"" : "";

        if (error is { Shape: ApiErrorShape.Router } router)
        {
            return router.Code switch
            {
                "provider_not_found" => Create(FindingCodes.ApiRouterProviderNotFound,
                    $"{line}: claude-code-router has no provider for this request{said}.", evidence),
                "invalid_request" when router.Message?.Contains("key", StringComparison.OrdinalIgnoreCase) == true => Create(FindingCodes.AuthRouterKeyRejected,
                    $"{line}: claude-code-router wants its APIKEY{said}; {call.CredentialText}.", evidence),
                "provider_response_error" => Create(FindingCodes.ApiRouterUpstreamError,
                    $"{line}: the router's provider {router.Provider ?? "(unnamed)"} answered {Num(router.UpstreamStatus)}{Upstream(router.Upstream)}.", evidence),
                _ => Create(FindingCodes.ApiRouterUpstreamError,
                    $"{line}: claude-code-router could not get an answer from its provider{said} (upstream unreachable, or its PROXY_URL is wrong).", evidence),
            };
        }

        if (status == 401)
        {
            if (error is { Shape: ApiErrorShape.Text } text && IsRouterAuthText(text.Message))
            {
                return Create(FindingCodes.AuthRouterKeyRejected, $"{line}: claude-code-router's auth middleware refused the request{said}; {call.CredentialText}.", evidence);
            }
            if (call.Credential == CredentialHeader.ApiKey && SuggestsBearer(exchange, error))
            {
                return Create(FindingCodes.AuthGatewayExpectsBearer,
                    $"{line}: the server wants Authorization: Bearer, but {call.CredentialText}.", evidence);
            }
            return Create(FindingCodes.AuthInvalidKey, $"{line}: the credential was rejected{said}; {call.CredentialText}.", evidence);
        }

        if (status == 403 && (error?.Shape == ApiErrorShape.Forbidden || error?.Message?.Contains("Request not allowed", StringComparison.OrdinalIgnoreCase) == true))
        {
            return Create(FindingCodes.ApiRegionBlocked, $"{line}{said}: the API refuses requests from this network's egress address or region.", evidence);
        }
        if (status == 403 && error?.Type == "permission_error")
        {
            return Create(FindingCodes.AuthPermission, $"{line}{said}: the key is valid but lacks permission for this request.", evidence);
        }
        if (status == 402 || error?.Type == "billing_error"
            || (error?.Message?.Contains("credit balance", StringComparison.OrdinalIgnoreCase) == true))
        {
            return Create(FindingCodes.ApiBilling, $"{line}{said}: the organization's billing blocks requests.", evidence);
        }
        if (status == 429 || error?.Type == "rate_limit_error")
        {
            var limits = RateLimits.From(exchange.ResponseHeaders);
            return Create(FindingCodes.ApiRateLimited, $"{line}{said}: rate limited; {limits?.Describe() ?? "no rate-limit headers"}.", evidence);
        }
        if (status == 529 || error?.Type == "overloaded_error")
        {
            return Create(FindingCodes.ApiOverloaded, $"{line}{said}: the API is overloaded right now (not a problem on this side).", evidence);
        }
        if (status == 404)
        {
            if (call.Model is not null && error?.Type == "not_found_error")
            {
                var from = call.ModelSource is null ? "" : $" (from {call.ModelSource})";
                return Create(FindingCodes.ApiModelNotFound, $"{line}{said}: model '{call.Model}'{from} is not available here.", evidence);
            }
            return Create(FindingCodes.ApiEndpointMissing, $"{line}{said}: this server does not offer that endpoint.", evidence);
        }
        if (error?.Shape is ApiErrorShape.Html || (error is null && status >= 400) || (error?.Shape == ApiErrorShape.Text))
        {
            return Create(FindingCodes.ApiUnexpectedResponse, $"{line}: {NotTheApi(exchange, error)}.", evidence);
        }
        if (status >= 400)
        {
            return Create(FindingCodes.ApiError, $"{line}: {(error?.Type is { } t ? t : "error")}{said}.", evidence);
        }
        // 1xx or 3xx that was not followed: not an API answer.
        return Create(FindingCodes.ApiUnexpectedResponse, $"{line}: {NotTheApi(exchange, error)}.", evidence);
    }

    /// <summary>The <c>request-id</c> of a response (header first, then the body's <c>request_id</c>), or null.</summary>
    public static string? RequestId(HttpExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return exchange.HeaderValues("request-id").FirstOrDefault()
            ?? ApiErrorParser.Parse(exchange.BodyPreview, exchange.HeaderValues("Content-Type").FirstOrDefault())?.RequestId;
    }

    private static bool IsRouterAuthText(string? message) =>
        message is not null && (message.Contains("APIKEY is missing", StringComparison.Ordinal) || message.Equals("Invalid API key", StringComparison.Ordinal));

    private static bool SuggestsBearer(HttpExchange e, ApiError? error) =>
        e.HeaderValues("WWW-Authenticate").Any(v => v.TrimStart().StartsWith("Bearer", StringComparison.OrdinalIgnoreCase))
        || error?.Message?.Contains("bearer", StringComparison.OrdinalIgnoreCase) == true
        || error?.Message?.Contains("Authorization header", StringComparison.OrdinalIgnoreCase) == true;

    private static string NotTheApi(HttpExchange e, ApiError? error)
    {
        var who = string.Join(", ", new[] { "Server", "Via" }.SelectMany(h => e.HeaderValues(h).Select(v => $"{h}: {v}")));
        var from = who.Length > 0 ? $" ({who})" : "";
        if (e.StatusCode == 407) return $"a proxy wants authentication{from}";
        return error switch
        {
            { Shape: ApiErrorShape.Html, Message: { } title } when title.Contains("Just a moment", StringComparison.OrdinalIgnoreCase)
                => $"a Cloudflare challenge page, not the API: this network's address is treated as a bot{from}",
            { Shape: ApiErrorShape.Html } h => $"an HTML page \"{h.Message}\", not the API: a proxy, captive portal or web server answered{from}",
            { Shape: ApiErrorShape.Text, Message: { } t } when t.Contains("upstream connect error", StringComparison.OrdinalIgnoreCase)
                => $"an Envoy proxy could not reach its upstream: \"{t}\"{from}",
            { Shape: ApiErrorShape.Text } t => $"plain text \"{t.Message}\", not the API's JSON{from}",
            _ => $"not an answer the API gives{from}",
        };
    }

    private static string Upstream(ApiError? upstream) => upstream is null ? "" : upstream.Type is { } t
        ? $": {t} \"{upstream.Message}\""
        : $": \"{upstream.Message}\"";

    private static string Evidence(HttpExchange e, ApiError? error)
    {
        var parts = new List<string> { $"{e.RequestLine} -> {HttpTextStatus(e)}" };
        foreach (var name in new[] { "request-id", "Content-Type", "WWW-Authenticate", "retry-after", "x-should-retry", "Server", "Via", "cf-ray" })
        {
            foreach (var v in e.HeaderValues(name)) parts.Add($"{name}: {v}");
        }
        if (error is not null) parts.Add($"error: {error}");
        if (error?.RequestId is { } rid) parts.Add($"request_id: {rid}");
        if (RateLimits.From(e.ResponseHeaders) is { Windows.Count: > 0 } limits) parts.Add("rate limits: " + limits.Describe());
        return string.Join("; ", parts);
    }

    private static string HttpTextStatus(HttpExchange e) =>
        $"{e.StatusCode?.ToString(CultureInfo.InvariantCulture)} {e.ReasonPhrase}".TrimEnd();

    private static string Num(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "an error";

    private static Finding Create(string code, string summary, string evidence) => FindingCatalog.Create(code, summary, evidence);
}
