using ConnDiag.Http;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>Bad input is one clear ArgumentException naming the bad value, before anything is sent; never a secret in it.</summary>
public class ValidationTests
{
    private static readonly Uri Url = new("http://127.0.0.1:9/");

    public static TheoryData<string, Func<HttpProbeRequest, HttpProbeRequest>?, HttpProbeOptions?, string> Cases => new()
    {
        { "ftp URL", r => r with { Uri = new Uri("ftp://h.example/") }, null, "'ftp://h.example/' is not an http or https URL" },
        { "method", r => r with { Method = "GE T" }, null, "method 'GE T' is not an HTTP method token" },
        { "header name", r => r with { Headers = [new("Bad Header", "v")] }, null, "header name 'Bad Header' is not a valid HTTP token" },
        { "newline in key", r => r with { Headers = [new("x-api-key", "sk-ant-SECRETVALUE\n")] }, null, "the value of header 'x-api-key' contains a line break" },
        { "timeout", null, Fast with { Timeout = TimeSpan.Zero }, "Timeout 0 is out of range" },
        { "body cap", null, Fast with { MaxBodyBytes = -1 }, "MaxBodyBytes -1 is out of range" },
        { "redirects", null, Fast with { MaxRedirects = 99 }, "MaxRedirects 99 is out of range" },
        { "retries", null, Fast with { Retries = 11 }, "Retries 11 is out of range" },
        { "thresholds", null, Fast with { WarnMs = 500, CriticalMs = 100 }, "CriticalMs 100 is out of range: use at least WarnMs (500)" },
        { "status", null, Fast with { ExpectStatus = [99] }, "ExpectStatus 99 is out of range" },
        { "pattern", null, Fast with { ExpectBodyPattern = "(unclosed" }, "the body pattern is not a valid regular expression" },
        { "origin", null, Fast with { Origin = "https://app.example/path" }, "origin 'https://app.example/path' is not scheme://host[:port]" },
        { "version", null, Fast with { HttpVersion = new Version(3, 0) }, "HTTP version 3.0 is not supported" },
        { "bundle", null, Fast with { CaBundlePath = "/nonexistent/ca.pem" }, "CA bundle '/nonexistent/ca.pem' does not exist" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_clear_error(string what, Func<HttpProbeRequest, HttpProbeRequest>? request, HttpProbeOptions? options, string expected)
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ProbeAsync(Url, options, request));
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), $"{what}: '{ex.Message}'");
        Assert.DoesNotContain("SECRETVALUE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CA_bundle_without_certificates_is_a_clear_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "not a certificate\n");
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => ProbeAsync(Url, Fast with { CaBundlePath = path }));
            Assert.Equal($"CA bundle '{path}' holds no PEM certificate.", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
