using System.Text.Json;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

public class BodyTests(BodyServer fixture) : IClassFixture<BodyServer>
{
    private const int ReadBuffer = 16 * 1024;
    private readonly TestWebServer _server = fixture.Server;

    [Fact]
    public async Task An_endless_body_is_read_to_the_cap_and_no_further()
    {
        const int cap = 64 * 1024;
        var result = await ProbeAsync(_server.Url("/endless"), Fast with { MaxBodyBytes = cap });

        var e = result.Final;
        Assert.True(e.BodyTruncated);
        Assert.True(e.BodyBytesRead <= cap + ReadBuffer, $"read {e.BodyBytesRead} body bytes with a cap of {cap}");
        // On the wire: the cap, one read buffer, the handler's own buffer, headers and chunk framing; never megabytes.
        Assert.True(e.WireBytesRead <= cap + (3 * ReadBuffer), $"read {e.WireBytesRead} bytes from the socket with a cap of {cap}");
        var f = Single(result, FindingCodes.HttpBodyTruncated);
        Assert.Equal(Severity.Info, f.Severity);
        Assert.Equal(Outcome.Pass, result.Outcome);
        Assert.StartsWith("aaaa", e.BodyPreview);
        Assert.True(e.BodyPreview!.Length <= Fast.BodyPreviewBytes);
    }

    [Fact]
    public async Task A_connection_aborted_mid_body_is_RESET_with_the_bytes_that_arrived()
    {
        var result = await ProbeAsync(_server.Url("/reset-mid-body"));

        var f = Single(result, FindingCodes.HttpReset);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(HttpPhase.Transfer, result.Final.FailedPhase);
        Assert.Equal(1000, result.Final.BodyBytesRead);
        Assert.Contains("after 1000 body bytes of the 100000 announced", f.Summary);
        Assert.NotNull(result.Final.Error);
    }

    [Fact]
    public async Task A_chunked_body_cut_off_is_RESET_too()
    {
        var result = await ProbeAsync(_server.Url("/reset-chunked"));

        var f = Single(result, FindingCodes.HttpReset);
        Assert.Contains("after 500 body bytes", f.Summary);
    }

    [Fact]
    public async Task Headers_beyond_the_cap_are_HEADERS_TOO_LARGE_not_a_crash()
    {
        var result = await ProbeAsync(_server.Url("/huge-headers"), Fast with { MaxResponseHeadersKiB = 16 });

        var f = Single(result, FindingCodes.HttpHeadersTooLarge);
        Assert.Contains("16 KiB", f.Summary);
        Assert.Null(result.StatusCode);
        Assert.Equal(HttpPhase.Ttfb, result.Final.FailedPhase);

        // The same server within a larger limit is fine: the finding is about the limit, not the server being down.
        var roomy = await ProbeAsync(_server.Url("/huge-headers"), Fast with { MaxResponseHeadersKiB = 256 });
        Assert.Equal(200, roomy.StatusCode);
        Assert.Equal(40, roomy.Final.ResponseHeaders.Count(h => h.Name.StartsWith("X-Filler-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ExpectBodyPattern_passes_a_match_and_reports_a_mismatch_with_the_body()
    {
        var match = await ProbeAsync(_server.Url("/text"), Fast with { ExpectBodyPattern = "^hello\\s+w" });
        Assert.Empty(match.Findings);

        var mismatch = await ProbeAsync(_server.Url("/text"), Fast with { ExpectBodyPattern = "goodbye" });
        var f = Single(mismatch, FindingCodes.HttpUnexpectedBody);
        Assert.Contains("/goodbye/", f.Summary);
        Assert.Contains("\"hello world\"", f.Evidence);
    }

    [Fact]
    public async Task A_pattern_that_backtracks_forever_is_stopped_by_its_match_timeout()
    {
        var options = Fast with { ExpectBodyPattern = "^(a|aa|a?a)+$", BodyPatternTimeout = TimeSpan.FromMilliseconds(50) };
        var result = await ProbeAsync(_server.Url("/backtrack"), options);

        var f = Single(result, FindingCodes.HttpUnexpectedBody);
        Assert.Contains("did not finish within 0.05 s", f.Summary);
    }

    [Fact]
    public async Task Secrets_echoed_by_the_server_are_masked_in_headers_body_and_JSON()
    {
        const string canary = "sk-ant-api03-CANARYCANARYCANARY-abcdefABCDEF-Ab12";
        const string apiKey = "canary-key-0123456789-zyxw";
        var result = await ProbeAsync(_server.Url("/echo"), request: r => r with
        {
            Headers = [new("Authorization", "Bearer " + canary), new("x-api-key", apiKey)],
        });

        var e = result.Final;
        Assert.Equal(200, e.StatusCode);
        Assert.Contains(e.RequestHeaders, h => h.Name == "Authorization" && h.Value == "Bearer sk-ant-…Ab12");
        Assert.Contains(e.ResponseHeaders, h => h.Name == "X-Echo" && h.Value.Contains("…Ab12", StringComparison.Ordinal));
        Assert.Contains(e.ResponseHeaders, h => h.Name == "Set-Cookie" && h.Value == "session=…0042; Path=/; HttpOnly");
        Assert.Contains("you sent: Bearer", e.BodyPreview);
        var json = ToJson(result);
        foreach (var secret in new[] { canary, apiKey, "CANARYCANARY", "s3cr3t-session-value" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, result.ToString(), StringComparison.Ordinal);
        }
        Assert.NotNull(JsonDocument.Parse(json));
    }

    [Fact]
    public async Task A_binary_body_has_no_text_preview()
    {
        var result = await ProbeAsync(_server.Url("/binary"));
        Assert.Equal(5, result.Final.BodyBytesRead);
        Assert.Null(result.Final.BodyPreview);
    }

    [Fact]
    public async Task HEAD_reads_no_body()
    {
        var result = await ProbeAsync(_server.Url("/text"), request: r => r with { Method = "HEAD" });
        Assert.Equal("HEAD /text HTTP/1.1", result.Final.RequestLine);
        Assert.Equal(0, result.Final.BodyBytesRead);
    }
}
