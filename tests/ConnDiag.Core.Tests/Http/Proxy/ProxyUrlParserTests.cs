using ConnDiag.Http.Proxy;

namespace ConnDiag.Core.Tests.Http.Proxy;

/// <summary>Proxy URLs as curl reads them: default scheme and ports, schemes, IPv6, percent-decoded credentials.</summary>
public class ProxyUrlParserTests
{
    [Theory]
    [InlineData("proxy.example:3128", ProxyScheme.Http, "proxy.example", 3128, false)]
    [InlineData("http://proxy.example", ProxyScheme.Http, "proxy.example", 1080, true)]
    [InlineData("https://proxy.example", ProxyScheme.Https, "proxy.example", 443, true)]
    [InlineData("HTTPS://proxy.example:8443/", ProxyScheme.Https, "proxy.example", 8443, false)]
    [InlineData("socks5h://127.0.0.1", ProxyScheme.Socks5h, "127.0.0.1", 1080, true)]
    [InlineData("socks5://127.0.0.1:9050", ProxyScheme.Socks5, "127.0.0.1", 9050, false)]
    [InlineData("socks4a://p:1", ProxyScheme.Socks4a, "p", 1, false)]
    [InlineData("socks://p", ProxyScheme.Socks4, "p", 1080, true)]
    [InlineData("http://[::1]:8080", ProxyScheme.Http, "::1", 8080, false)]
    [InlineData("http://[2001:db8::1]", ProxyScheme.Http, "2001:db8::1", 1080, true)]
    [InlineData("  http://10.0.0.1:3128/some/path  ", ProxyScheme.Http, "10.0.0.1", 3128, false)]
    public void Reads_scheme_host_and_port_with_curls_defaults(string text, ProxyScheme scheme, string host, int port, bool portIsDefault)
    {
        Assert.True(ProxyServer.TryParse(text, out var p, out var error), error);
        Assert.Equal(scheme, p!.Scheme);
        Assert.Equal(host, p.Host);
        Assert.Equal(port, p.Port);
        Assert.Equal(portIsDefault, p.PortIsDefault);
        Assert.Null(p.Credentials);
    }

    [Theory]
    [InlineData("http://alice:s3cret@proxy:3128", "alice", "s3cret", "http://alice:****@proxy:3128")]
    [InlineData("http://alice:p%40ss%3Aw0rd@proxy:3128/", "alice", "p@ss:w0rd", "http://alice:****@proxy:3128")]
    [InlineData("http://al%20ice:@proxy:3128", "al ice", "", "http://al ice:****@proxy:3128")]
    [InlineData("http://alice:se/cr@t@proxy:3128", "alice", "se/cr@t", "http://alice:****@proxy:3128")]
    [InlineData("alice:pw@proxy:3128", "alice", "pw", "http://alice:****@proxy:3128")]
    public void Decodes_credentials_and_masks_them_in_the_url(string text, string user, string password, string url)
    {
        var p = ProxyServer.Parse(text);
        var credential = p.Credentials!.ToNetworkCredential();
        Assert.Equal(user, credential.UserName);
        Assert.Equal(password, credential.Password);
        Assert.True(p.Credentials.HasPassword);
        Assert.Equal(url, p.Url);
        Assert.Equal(url, p.ToString());
    }

    [Fact]
    public void A_user_name_without_a_password_is_treated_as_a_token_and_hidden()
    {
        var p = ProxyServer.Parse("http://tok_abcdefghijklmnop@proxy:3128");
        Assert.False(p.Credentials!.HasPassword);
        Assert.Equal("http://****@proxy:3128", p.Url);
        Assert.Equal("****", p.Credentials.DisplayUser);
        Assert.DoesNotContain("tok_", p.Credentials.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ftp://proxy:21", "unsupported proxy scheme 'ftp'")]
    [InlineData("http://proxy:0", "port '0' is not a number in 1-65535")]
    [InlineData("http://proxy:99999", "port '99999'")]
    [InlineData("http://proxy:", "empty port")]
    [InlineData("http://pro xy:3128", "contains ' '")]
    [InlineData("http://::1:3128", "IPv6 proxy address in brackets")]
    [InlineData("http://[::1:3128", "missing ']'")]
    [InlineData("http://[10.0.0.1]:3128", "not an IPv6 address")]
    [InlineData("http://@proxy:3128", "'@' without a user name")]
    [InlineData("http://:3128", "no proxy host name")]
    public void Bad_urls_get_a_specific_error(string text, string expected)
    {
        Assert.False(ProxyServer.TryParse(text, out var p, out var error));
        Assert.Null(p);
        Assert.Contains(expected, error);
        var ex = Assert.Throws<ArgumentException>(() => ProxyServer.Parse(text));
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("http://alice:CANARY-p4ss@pro xy:3128")]
    [InlineData("http://alice:CANARY-p4ss@proxy:70000")]
    [InlineData("gopher://alice:CANARY-p4ss@proxy:70")]
    [InlineData("http://alice:CANARY/p4ss@proxy:x")]
    [InlineData("http://CANARY-token@[::1")]
    public void Errors_never_contain_the_credentials(string text)
    {
        Assert.False(ProxyServer.TryParse(text, out _, out var error));
        Assert.DoesNotContain("CANARY", error);
        var ex = Assert.Throws<ArgumentException>(() => ProxyServer.Parse(text));
        Assert.DoesNotContain("CANARY", ex.Message);
    }

    [Fact]
    public void The_uri_for_IWebProxy_carries_no_credentials()
    {
        var p = ProxyServer.Parse("https://alice:s3cret@[::1]:8443");
        Assert.Equal(new Uri("https://[::1]:8443"), p.ToUriWithoutCredentials());
        Assert.Equal("", p.ToUriWithoutCredentials().UserInfo);
    }
}
