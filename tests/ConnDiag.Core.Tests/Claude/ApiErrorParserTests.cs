using ConnDiag.Claude.Api;
using ConnDiag.Http;

namespace ConnDiag.Core.Tests.Claude;

public sealed class ApiErrorParserTests
{
    [Fact]
    public void Anthropic_shape_keeps_type_message_and_request_id()
    {
        var e = ApiErrorParser.Parse("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"The requested resource could not be found.\"},\"request_id\":\"req_018EeW\"}");

        Assert.Equal(new ApiError(ApiErrorShape.Anthropic, "not_found_error", "The requested resource could not be found.", RequestId: "req_018EeW"), e);
    }

    [Fact]
    public void Router_provider_response_error_has_the_upstream_body_parsed()
    {
        var body = "{\"error\":{\"message\":\"Error from provider(openrouter,some/model: 429): {\\\"error\\\":{\\\"message\\\":\\\"Rate limit exceeded\\\",\\\"code\\\":429}}\",\"type\":\"api_error\",\"code\":\"provider_response_error\"}}";

        var e = ApiErrorParser.Parse(body)!;

        Assert.Equal(ApiErrorShape.Router, e.Shape);
        Assert.Equal("provider_response_error", e.Code);
        Assert.Equal("openrouter,some/model", e.Provider);
        Assert.Equal(429, e.UpstreamStatus);
        Assert.Equal(ApiErrorShape.OtherJson, e.Upstream!.Shape);
        Assert.Equal("Rate limit exceeded", e.Upstream.Message);
    }

    [Theory]
    [InlineData("{\"error\":{\"type\":\"forbidden\",\"message\":\"Request not allowed\"}}", ApiErrorShape.Forbidden)]
    [InlineData("<html><head><title>Blocked</title></head></html>", ApiErrorShape.Html)]
    [InlineData("APIKEY is missing", ApiErrorShape.Text)]
    [InlineData("{\"error\":\"bad gateway token\"}", ApiErrorShape.OtherJson)]
    [InlineData("{\"type\":\"error\",\"error\":{\"type\":\"over", ApiErrorShape.Text)]
    public void Other_shapes_are_recognised(string body, ApiErrorShape shape)
    {
        Assert.Equal(shape, ApiErrorParser.Parse(body)!.Shape);
    }

    [Fact]
    public void Json_without_an_error_member_and_empty_bodies_are_not_errors()
    {
        Assert.Null(ApiErrorParser.Parse("{\"data\":[]}"));
        Assert.Null(ApiErrorParser.Parse(""));
        Assert.Null(ApiErrorParser.Parse(null));
    }

    [Fact]
    public void Retry_after_ms_wins_over_retry_after_and_bad_numbers_are_null()
    {
        var limits = RateLimits.From([new HttpHeaderField("retry-after", "30"), new HttpHeaderField("retry-after-ms", "1500"),
            new HttpHeaderField("anthropic-ratelimit-requests-limit", "ten")])!;

        Assert.Equal(1.5, limits.RetryAfterSeconds);
        Assert.Null(Assert.Single(limits.Windows).Limit);
        Assert.Null(RateLimits.From([new HttpHeaderField("Server", "x")]));
    }
}
