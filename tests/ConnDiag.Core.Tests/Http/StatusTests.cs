using System.Globalization;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>One Kestrel app answering each status the probe interprets, with the headers that go with it.</summary>
public sealed class StatusServer : IAsyncLifetime
{
    internal TestWebServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/ok", () => "hello");
            app.MapGet("/401", (HttpContext c) =>
            {
                c.Response.StatusCode = 401;
                c.Response.Headers.Append("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\"");
                c.Response.Headers.Append("WWW-Authenticate", "Basic realm=\"fallback\"");
                return c.Response.WriteAsync("{\"error\":\"unauthorized\"}");
            });
            app.MapGet("/403", (HttpContext c) => Status(c, 403, "forbidden by policy"));
            app.MapGet("/405", (HttpContext c) =>
            {
                c.Response.Headers.Allow = "POST, OPTIONS";
                return Status(c, 405, "use POST");
            });
            app.MapGet("/429", (HttpContext c) =>
            {
                c.Response.Headers.RetryAfter = "7";
                return Status(c, 429, "slow down");
            });
            app.MapGet("/429-date", (HttpContext c) =>
            {
                var now = DateTimeOffset.UtcNow;
                c.Response.Headers.Date = now.ToString("R", CultureInfo.InvariantCulture);
                c.Response.Headers.RetryAfter = now.AddSeconds(120).ToString("R", CultureInfo.InvariantCulture);
                return Status(c, 429, "slow down");
            });
            app.MapGet("/500", (HttpContext c) => Status(c, 500, "boom"));
            app.MapGet("/501", (HttpContext c) => Status(c, 501, "not implemented"));
            app.MapGet("/503", (HttpContext c) =>
            {
                c.Response.Headers.RetryAfter = "30";
                return Status(c, 503, "maintenance");
            });
            app.MapGet("/418", (HttpContext c) => Status(c, 418, "teapot"));
            app.MapGet("/201", (HttpContext c) => Status(c, 201, "created"));
        });
    }

    private static Task Status(HttpContext c, int status, string body)
    {
        c.Response.StatusCode = status;
        return c.Response.WriteAsync(body);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public class StatusTests(StatusServer fixture) : IClassFixture<StatusServer>
{
    private readonly TestWebServer _server = fixture.Server;

    [Fact]
    public async Task A_200_passes_with_the_exchange_recorded()
    {
        var result = await ProbeAsync(_server.Url("/ok"));

        Assert.Equal(Outcome.Pass, result.Outcome);
        Assert.Empty(result.Findings);
        var e = result.Final;
        Assert.Equal(200, e.StatusCode);
        Assert.Equal("OK", e.ReasonPhrase);
        Assert.Equal("1.1", e.HttpVersion);
        Assert.Equal("GET /ok HTTP/1.1", e.RequestLine);
        Assert.Equal("hello", e.BodyPreview);
        Assert.Equal(5, e.BodyBytesRead);
        Assert.False(e.BodyTruncated);
        Assert.Equal("127.0.0.1", e.RemoteAddress?.ToString());
        Assert.Equal(_server.Port, e.RemotePort);
        Assert.Null(e.Tls);
        Assert.Single(result.Attempts);
        Assert.Equal(0, result.RedirectCount);
        Assert.Contains(e.ResponseHeaders, h => h.Name == "Content-Type" && h.Value.StartsWith("text/plain", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_401_is_UNAUTHORIZED_with_the_offered_schemes_and_whether_credentials_went()
    {
        var anonymous = await ProbeAsync(_server.Url("/401"));
        var f = Single(anonymous, FindingCodes.HttpUnauthorized);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("Bearer, Basic", f.Summary);
        Assert.Contains("no credentials were sent", f.Summary);
        Assert.Contains("WWW-Authenticate: Bearer realm=\"api\"", f.Evidence);

        var withKey = await ProbeAsync(_server.Url("/401"), request: r => r with { Headers = [new("x-api-key", "sk-ant-api03-WRONGWRONGWRONG-Zz99")] });
        var g = Single(withKey, FindingCodes.HttpUnauthorized);
        Assert.Contains("credentials were sent (x-api-key) and rejected", g.Summary);
        Assert.Contains(withKey.Final.RequestHeaders, h => h.Name == "x-api-key" && h.Value == "sk-ant-…Zz99");
    }

    [Fact]
    public async Task A_403_is_FORBIDDEN_with_the_body_in_the_evidence()
    {
        var f = Single(await ProbeAsync(_server.Url("/403")), FindingCodes.HttpForbidden);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("403 Forbidden", f.Summary);
        Assert.Contains("forbidden by policy", f.Evidence);
    }

    [Fact]
    public async Task A_404_is_NOT_FOUND()
    {
        var f = Single(await ProbeAsync(_server.Url("/no/such/path")), FindingCodes.HttpNotFound);
        Assert.Contains("/no/such/path", f.Summary);
        Assert.Contains("404 Not Found", f.Summary);
    }

    [Fact]
    public async Task A_405_is_METHOD_NOT_ALLOWED_naming_the_allowed_methods()
    {
        var f = Single(await ProbeAsync(_server.Url("/405")), FindingCodes.HttpMethodNotAllowed);
        Assert.Contains("the server allows POST, OPTIONS", f.Summary);
        Assert.Contains("Allow: POST, OPTIONS", f.Evidence);
    }

    [Fact]
    public async Task A_429_is_RATE_LIMITED_with_Retry_After_in_seconds_or_as_a_date()
    {
        var seconds = await ProbeAsync(_server.Url("/429"));
        var f = Single(seconds, FindingCodes.HttpRateLimited);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal(7, seconds.Final.RetryAfterSeconds);
        Assert.Contains("Retry-After asks to wait 7 s", f.Summary);

        var date = await ProbeAsync(_server.Url("/429-date"));
        Single(date, FindingCodes.HttpRateLimited);
        // An HTTP date is judged against the server's own Date header: 120 s apart, to the second.
        Assert.Equal(120, date.Final.RetryAfterSeconds);
    }

    [Theory]
    [InlineData("/500", 500)]
    [InlineData("/501", 501)]
    public async Task Other_5xx_are_SERVER_ERROR(string path, int status)
    {
        var result = await ProbeAsync(_server.Url(path));
        var f = Single(result, FindingCodes.HttpServerError);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal(Severity.Error, f.Severity);
    }

    [Fact]
    public async Task A_503_is_SERVICE_UNAVAILABLE_with_Retry_After()
    {
        var result = await ProbeAsync(_server.Url("/503"));
        var f = Single(result, FindingCodes.HttpServiceUnavailable);
        Assert.Equal(30, result.Final.RetryAfterSeconds);
        Assert.Contains("Retry-After asks to wait 30 s", f.Summary);
        Assert.Equal(Outcome.Fail, result.Outcome);
    }

    [Fact]
    public async Task A_4xx_without_its_own_code_is_UNEXPECTED_STATUS()
    {
        var f = Single(await ProbeAsync(_server.Url("/418")), FindingCodes.HttpUnexpectedStatus);
        Assert.Contains("expected a status below 400", f.Summary);
    }

    [Fact]
    public async Task ExpectStatus_turns_an_expected_error_into_a_pass_and_an_unexpected_success_into_a_finding()
    {
        var expected404 = await ProbeAsync(_server.Url("/gone"), Fast with { ExpectStatus = [404] });
        Assert.Empty(expected404.Findings);

        var wanted201 = await ProbeAsync(_server.Url("/ok"), Fast with { ExpectStatus = [201, 202] });
        var f = Single(wanted201, FindingCodes.HttpUnexpectedStatus);
        Assert.Contains("expected 201 or 202", f.Summary);

        var got201 = await ProbeAsync(_server.Url("/201"), Fast with { ExpectStatus = [201] });
        Assert.Empty(got201.Findings);
    }
}
