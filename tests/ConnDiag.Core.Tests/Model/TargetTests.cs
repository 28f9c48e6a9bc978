using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Model;

public class TargetTests
{
    [Theory]
    [InlineData("localhost:3456", "localhost", 3456)]
    [InlineData("127.0.0.1:80", "127.0.0.1", 80)]
    [InlineData("[::1]:8443", "::1", 8443)]
    [InlineData(" api.anthropic.com:443 ", "api.anthropic.com", 443)]
    [InlineData("https://api.anthropic.com/v1/messages", "api.anthropic.com", 443)]
    [InlineData("http://[::1]:3456/", "::1", 3456)]
    [InlineData("host.example.:22", "host.example", 22)]
    public void Parses_host_and_port(string text, string host, int port)
    {
        Assert.True(Target.TryParse(text, null, out var t, out var error), error);
        Assert.Equal(host, t!.Host);
        Assert.Equal(port, t.Port);
    }

    [Theory]
    [InlineData("", "empty target")]
    [InlineData("   ", "empty target")]
    [InlineData("host:99999", "port '99999' is not a number in 1-65535")]
    [InlineData("host:0", "port '0'")]
    [InlineData("host:", "empty port after ':'")]
    [InlineData(":80", "empty host name")]
    [InlineData("host:8o", "port '8o'")]
    [InlineData("[::1:80", "missing ']'")]
    [InlineData("[zz]:80", "'zz' in brackets is not an IPv6 address")]
    [InlineData("::1:80:x", "write IPv6 addresses as [addr]:port")]
    [InlineData("bad host:80", "contains ' '")]
    [InlineData("a..b:80", "empty label")]
    [InlineData("host", "no port")]
    public void Rejects_bad_input_naming_the_bad_part(string text, string expected)
    {
        Assert.False(Target.TryParse(text, null, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Bare_host_takes_the_default_port()
    {
        Assert.True(Target.TryParse("::1", 22, out var t, out _));
        Assert.Equal(new Target("::1", 22), t);
        Assert.Equal("[::1]:22", t!.ToString());
    }

    [Fact]
    public void Overlong_label_is_rejected()
    {
        var label = new string('a', 64);
        Assert.False(Target.TryParse(label + ".test:80", null, out _, out var error));
        Assert.Contains("longer than 63", error);
    }
}
