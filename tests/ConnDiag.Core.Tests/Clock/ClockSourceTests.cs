using ConnDiag.Clock;

namespace ConnDiag.Core.Tests.Clock;

/// <summary>How NTP servers and URLs are written, and the errors for what is not one.</summary>
public class ClockSourceTests
{
    [Theory]
    [InlineData("time.example.com", "time.example.com", 123)]
    [InlineData("127.0.0.1", "127.0.0.1", 123)]
    [InlineData("127.0.0.1:11123", "127.0.0.1", 11123)]
    [InlineData("[::1]:11123", "::1", 11123)]
    [InlineData("::1", "::1", 123)]
    [InlineData(" ntp.internal:1230 ", "ntp.internal", 1230)]
    public void Parses_NTP_servers(string text, string host, int port)
    {
        Assert.True(ClockSource.TryParseNtpServer(text, out var source, out var error), error);
        Assert.Equal(ClockMethod.Ntp, source!.Method);
        Assert.Equal(host, source.Host);
        Assert.Equal(port, source.Port);
        Assert.Null(source.Uri);
    }

    [Fact]
    public void Formats_an_IPv6_server_in_brackets()
    {
        Assert.True(ClockSource.TryParseNtpServer("::1", out var source, out _));
        Assert.Equal("[::1]:123", source!.ToString());
    }

    [Theory]
    [InlineData("", "empty NTP server name")]
    [InlineData("http://time.example.com/", "is a URL")]
    [InlineData("time.example.com:0", "port '0'")]
    [InlineData("time.example.com:123456", "port '123456'")]
    [InlineData("bad host", "not allowed in a host name")]
    [InlineData("[::1", "missing ']'")]
    public void Rejects_what_is_not_an_NTP_server_and_says_why(string text, string because)
    {
        Assert.False(ClockSource.TryParseNtpServer(text, out var source, out var error));
        Assert.Null(source);
        Assert.Contains(because, error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/health", "127.0.0.1", 8080)]
    [InlineData("https://api.example.com", "api.example.com", 443)]
    [InlineData("http://[::1]:8080/", "::1", 8080)]
    public void Parses_http_and_https_URLs(string text, string host, int port)
    {
        Assert.True(ClockSource.TryParseUri(text, out var source, out var error), error);
        Assert.Equal(ClockMethod.HttpDate, source!.Method);
        Assert.Equal(host, source.Host);
        Assert.Equal(port, source.Port);
        Assert.Equal(new Uri(text), source.Uri);
    }

    [Theory]
    [InlineData("ftp://example.com/", "scheme 'ftp'")]
    [InlineData("example.com", "not an absolute URL")]
    [InlineData("", "empty URL")]
    public void Rejects_other_URLs(string text, string because)
    {
        Assert.False(ClockSource.TryParseUri(text, out _, out var error));
        Assert.Contains(because, error);
    }
}
