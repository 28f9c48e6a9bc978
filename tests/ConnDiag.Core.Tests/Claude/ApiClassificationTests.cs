using ConnDiag.Claude.Api;
using ConnDiag.Core.Tests.Claude.Support;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Findings;
using ConnDiag.Http;

namespace ConnDiag.Core.Tests.Claude;

/// <summary>The fake API's real answers, fetched with the real probe over loopback TLS, read by the classifier.</summary>
public sealed class ApiClassificationTests : IAsyncLifetime
{
    private const string Key = "sk-ant-api03-classify-0000000000000000000000000000";
    private readonly TestCertificates _certs = new();
    private FakeAnthropicServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeAnthropicServer.StartAsync(_certs);
        _server.ApiKey = Key;
        _server.BearerToken = "gateway-token-0123456789";
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certs.Dispose();
    }

    private HttpProbeOptions Options => HttpProbeOptions.Default with
    {
        CaBundlePath = _certs.RootPemPath,
        ExpectStatus = Enumerable.Range(100, 500).ToList(),
        BodyPreviewBytes = 16 * 1024,
        WarnMs = 60_000,
        CriticalMs = 120_000,
    };

    private async Task<(HttpExchange Exchange, ApiCall Call)> Get(string path, ApiCredentials credentials)
    {
        var uri = new Uri($"{_server.BaseUrl}{path}");
        var result = await new HttpProbe().ProbeAsync(ApiRequests.Authenticated(uri, credentials), Options);
        Assert.NotNull(result.StatusCode);
        return (result.Final, new ApiCall("GET " + path, credentials.Header));
    }

    [Theory]
    [InlineData(FakeScenario.Permission, FindingCodes.AuthPermission, "permission")]
    [InlineData(FakeScenario.RegionForbidden, FindingCodes.ApiRegionBlocked, "Request not allowed")]
    [InlineData(FakeScenario.RateLimited, FindingCodes.ApiRateLimited, "retry-after 17 s")]
    [InlineData(FakeScenario.Overloaded, FindingCodes.ApiOverloaded, "Overloaded")]
    [InlineData(FakeScenario.Billing, FindingCodes.ApiBilling, "credit balance")]
    [InlineData(FakeScenario.ProxyHtml403, FindingCodes.ApiUnexpectedResponse, "Access Denied by Corporate Policy")]
    [InlineData(FakeScenario.CloudflareChallenge, FindingCodes.ApiUnexpectedResponse, "Cloudflare challenge")]
    [InlineData(FakeScenario.EnvoyText503, FindingCodes.ApiUnexpectedResponse, "Envoy")]
    [InlineData(FakeScenario.RouterProviderNotFound, FindingCodes.ApiRouterProviderNotFound, "no provider")]
    [InlineData(FakeScenario.RouterUpstreamError, FindingCodes.ApiRouterUpstreamError, "authentication_error \"invalid x-api-key\"")]
    [InlineData(FakeScenario.RouterFetchFailed, FindingCodes.ApiRouterUpstreamError, "fetch failed")]
    public async Task Each_error_shape_gets_its_code(FakeScenario scenario, string code, string text)
    {
        _server.Scenario = scenario;

        var (exchange, call) = await Get("/v1/models?limit=1", new ApiCredentials(Key, null));
        var finding = ApiErrorClassifier.Classify(exchange, call);

        Assert.NotNull(finding);
        Assert.Equal(code, finding.Code);
        Assert.Contains(text, finding.Summary);
        Assert.Contains("GET /v1/models?limit=1", finding.Evidence);
    }

    [Fact]
    public async Task A_wrong_key_is_invalid_key_with_the_header_named_and_the_request_id_kept()
    {
        var (exchange, call) = await Get("/v1/models?limit=1", new ApiCredentials("sk-ant-api03-wrong-11111111111111111111", null));

        var finding = ApiErrorClassifier.Classify(exchange, call);

        Assert.Equal(FindingCodes.AuthInvalidKey, finding!.Code);
        Assert.Contains("x-api-key", finding.Summary);
        Assert.Contains("invalid x-api-key", finding.Summary);
        var id = ApiErrorClassifier.RequestId(exchange);
        Assert.StartsWith("req_fake", id);
        Assert.Contains(id!, finding.Evidence);
    }

    [Fact]
    public async Task A_gateway_that_wants_bearer_is_named_when_the_key_went_as_x_api_key()
    {
        _server.Kind = FakeKind.BearerGateway;

        var (exchange, call) = await Get("/v1/models?limit=1", new ApiCredentials(_server.BearerToken, null));
        var finding = ApiErrorClassifier.Classify(exchange, call);

        Assert.Equal(FindingCodes.AuthGatewayExpectsBearer, finding!.Code);
        Assert.Contains("Bearer", finding.Evidence);
    }

    [Theory]
    [InlineData(null, "APIKEY is missing")]
    [InlineData("wrong-router-key-000", "Invalid API key")]
    public async Task The_routers_plain_text_401_is_its_own_code(string? token, string text)
    {
        _server.Kind = FakeKind.RouterV2;

        var (exchange, call) = await Get("/v1/models?limit=1", new ApiCredentials(null, token));
        var finding = ApiErrorClassifier.Classify(exchange, call);

        Assert.Equal(FindingCodes.AuthRouterKeyRejected, finding!.Code);
        Assert.Contains(text, finding.Summary);
    }

    [Fact]
    public async Task A_404_for_a_model_is_model_not_found_and_for_a_path_endpoint_missing()
    {
        var (model, _) = await Get("/v1/models/claude-nope", new ApiCredentials(Key, null));
        var (path, call) = await Get("/v1/nothing-here", new ApiCredentials(Key, null));

        var m = ApiErrorClassifier.Classify(model, new ApiCall("GET /v1/models/claude-nope", CredentialHeader.ApiKey, "claude-nope", "ANTHROPIC_MODEL (environment)"));
        var p = ApiErrorClassifier.Classify(path, call);

        Assert.Equal(FindingCodes.ApiModelNotFound, m!.Code);
        Assert.Contains("'claude-nope' (from ANTHROPIC_MODEL (environment))", m.Summary);
        Assert.Equal(FindingCodes.ApiEndpointMissing, p!.Code);
    }

    [Fact]
    public async Task Success_has_no_finding_and_rate_limit_headers_are_read()
    {
        var (exchange, call) = await Get("/v1/models?limit=1", new ApiCredentials(Key, null));

        Assert.Null(ApiErrorClassifier.Classify(exchange, call));
        var limits = RateLimits.From(exchange.ResponseHeaders);
        Assert.NotNull(limits);
        var requests = Assert.Single(limits.Windows, w => w.Kind == "requests");
        Assert.Equal(50, requests.Limit);
        Assert.Equal(49, requests.Remaining);
        Assert.NotNull(requests.ResetsAt);
        Assert.Contains(limits.Windows, w => w.Kind == "tokens" && w.Limit == 40000);
    }

    [Fact]
    public async Task An_unknown_api_error_type_is_a_generic_api_error()
    {
        // No anthropic-version header: the API's 400 invalid_request_error.
        var uri = new Uri($"{_server.BaseUrl}/v1/models");
        var result = await new HttpProbe().ProbeAsync(new HttpProbeRequest(uri) { Headers = [new("x-api-key", Key)] }, Options);

        var finding = ApiErrorClassifier.Classify(result.Final, new ApiCall("GET /v1/models", CredentialHeader.ApiKey));

        Assert.Equal(FindingCodes.ApiError, finding!.Code);
        Assert.Contains("invalid_request_error", finding.Summary);
    }
}
