using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Proxy.Support;
using ConnDiag.Http.Proxy;

namespace ConnDiag.Core.Tests.Http.Proxy;

/// <summary>The IWebProxy adapter under a real SocketsHttpHandler: http requests through tinyproxy, NO_PROXY bypass, Basic credentials.</summary>
public class ProxySettingsWebProxyTests
{
    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";

    private static async Task<HttpResponseMessage> GetAsync(ProxySettings settings, string url)
    {
        using var handler = new SocketsHttpHandler { Proxy = new ProxySettingsWebProxy(settings), UseProxy = true };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        return await client.GetAsync(url);
    }

    private static ProxySettings Http(string proxy, string? noProxy = null) =>
        ProxySettings.Resolve("http", new ProxyOptions(Proxy: proxy, NoProxy: noProxy, UseEnvironment: false));

    [LinuxFact(Tinyproxy.Binary)]
    public async Task Http_requests_go_through_the_proxy_in_absolute_form()
    {
        using var origin = ScriptedServer.Answering(Ok);
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([443]));

        using var response = await GetAsync(Http(proxy.Url), $"http://127.0.0.1:{origin.Port}/via-proxy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await proxy.WaitForLogAsync($"GET http://127.0.0.1:{origin.Port}/via-proxy HTTP/1.1"), proxy.Log);
        var head = Assert.Single(origin.Heads);
        Assert.StartsWith("GET /via-proxy HTTP/1.1\r\n", head);
        Assert.Contains("Via: 1.1 ", head);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task A_NO_PROXY_match_sends_the_request_direct()
    {
        using var origin = ScriptedServer.Answering(Ok);
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([443]));

        using var response = await GetAsync(Http(proxy.Url, noProxy: "localhost, 127.0.0.0/8"), $"http://127.0.0.1:{origin.Port}/direct");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var head = Assert.Single(origin.Heads);
        Assert.DoesNotContain("Via:", head);
        Assert.DoesNotContain("/direct", proxy.Log);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task Basic_credentials_from_the_settings_answer_the_proxys_407()
    {
        using var origin = ScriptedServer.Answering(Ok);
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([443], BasicAuth: ("alice", "web-pass")));

        using var without = await GetAsync(Http(proxy.Url), $"http://127.0.0.1:{origin.Port}/no-creds");
        Assert.Equal(HttpStatusCode.ProxyAuthenticationRequired, without.StatusCode);
        Assert.Empty(origin.Heads);

        var withCreds = Http(proxy.Url.Replace("http://", "http://alice:web-pass@", StringComparison.Ordinal));
        using var with = await GetAsync(withCreds, $"http://127.0.0.1:{origin.Port}/with-creds");
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.StartsWith("GET /with-creds HTTP/1.1", Assert.Single(origin.Heads));
    }

    [Fact]
    public void GetProxy_and_IsBypassed_follow_the_settings()
    {
        var web = new ProxySettingsWebProxy(Http("http://u:p@proxy.example:3128", noProxy: ".internal,[::1]:8080"));
        Assert.Equal(new Uri("http://proxy.example:3128"), web.GetProxy(new Uri("http://api.example.com/")));
        Assert.False(web.IsBypassed(new Uri("http://api.example.com/")));
        Assert.True(web.IsBypassed(new Uri("http://svc.internal/")));
        Assert.True(web.IsBypassed(new Uri("http://[::1]:8080/")));
        Assert.False(web.IsBypassed(new Uri("http://[::1]:8081/")));
        var bypassed = new Uri("http://svc.internal/x");
        Assert.Equal(bypassed, web.GetProxy(bypassed));
        var credential = web.Credentials!.GetCredential(new Uri("http://proxy.example:3128"), "Basic");
        Assert.Equal("u", credential!.UserName);
        Assert.Equal("p", credential.Password);
    }

    [Fact]
    public void Without_a_usable_proxy_everything_is_bypassed_and_socks5h_becomes_socks5()
    {
        var none = new ProxySettingsWebProxy(Http(""));
        Assert.True(none.IsBypassed(new Uri("http://api.example.com/")));
        Assert.Null(none.Credentials);

        var broken = new ProxySettingsWebProxy(Http("ftp://proxy:21"));
        Assert.True(broken.IsBypassed(new Uri("http://api.example.com/")));

        var socks = new ProxySettingsWebProxy(Http("socks5h://127.0.0.1:1080"));
        Assert.Equal(new Uri("socks5://127.0.0.1:1080"), socks.GetProxy(new Uri("http://api.example.com/")));
    }
}
