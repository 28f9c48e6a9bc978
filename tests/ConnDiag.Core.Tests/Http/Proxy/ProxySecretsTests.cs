using System.Text;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Proxy.Support;
using ConnDiag.Findings;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Http.Proxy;

/// <summary>
/// A canary credential goes into the proxy settings; it must come out nowhere: not in ToString, not in the JSON of
/// any result, not in a finding, not in an error, not even when the proxy echoes it back in its error page.
/// </summary>
public class ProxySecretsTests
{
    private const string Canary = "CANARY-7f3a9c1e-proxy-secret";
    private static readonly ProxyProbeOptions Options = new(TimeSpan.FromSeconds(5));

    private static void AssertClean(object value)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + Canary));
        foreach (var text in new[] { ProxyJson.Serialize(value), value.ToString() ?? "" })
        {
            Assert.DoesNotContain(Canary, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(Canary)[..12], text, StringComparison.Ordinal);
            Assert.DoesNotContain(basic, text, StringComparison.Ordinal);
        }
    }

    private static void AssertClean(ProxyProbeResult r)
    {
        AssertClean((object)r);
        AssertClean(r.Settings);
        AssertClean(r.Decision);
        foreach (var f in r.Findings) AssertClean(f);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task A_rejected_canary_password_appears_in_no_result_text_or_json()
    {
        using var echo = new EchoServer();
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([echo.Port], BasicAuth: ("alice", "the-right-one")));
        var url = $"http://alice:{Canary}@127.0.0.1:{proxy.Port}";
        var settings = ProxySettings.Resolve("https", environment: ProxyEnvironment.From(new Dictionary<string, string> { ["HTTPS_PROXY"] = url }));

        var r = await new ConnectTunnelProbe().ProbeAsync(new ProxyProbeRequest(new Target("127.0.0.1", echo.Port), "https", settings), Options);

        Assert.Equal(ProxyTunnelStatus.AuthRequired, r.TunnelStatus);
        Assert.Contains("alice:****@", r.Findings[0].Summary);
        AssertClean(r);
        Assert.Contains($"\"url\":\"http://alice:****@127.0.0.1:{proxy.Port}\"", ProxyJson.Serialize(r));
    }

    [Fact]
    public async Task A_proxy_that_echoes_the_credentials_in_its_page_gets_them_scrubbed()
    {
        // The "proxy" answers 403 with a page that repeats the request, Proxy-Authorization and all, and the URL.
        using var echoing = new ScriptedServer(async (s, head, token) =>
        {
            var body = $"<html><body><p>Denied: {head}</p><p>proxy http://alice:{Canary}@corp-proxy:3128 says no; password={Canary}</p></body></html>";
            var bytes = Encoding.UTF8.GetBytes(body);
            var response = $"HTTP/1.1 403 Forbidden by policy {Canary}\r\nContent-Type: text/html\r\nX-Echo: {Canary}\r\nServer: {Canary}\r\nContent-Length: {bytes.Length}\r\n\r\n";
            await s.WriteAsync(Encoding.UTF8.GetBytes(response), token);
            await s.WriteAsync(bytes, token);
        });
        var settings = ProxySettings.Resolve("https", new ProxyOptions(Proxy: $"http://alice:{Canary}@127.0.0.1:{echoing.Port}", UseEnvironment: false));

        var r = await new ConnectTunnelProbe().ProbeAsync(new ProxyProbeRequest(new Target("api.example.com", 443), "https", settings), Options);

        Assert.Equal(ProxyTunnelStatus.Forbidden, r.TunnelStatus);
        Assert.Contains("Proxy-Authorization: Basic ****", r.BodySnippet);
        Assert.Contains("Forbidden by policy ****", r.ReasonPhrase);
        Assert.Equal("****", r.ResponseHeaders["Server"]);
        // The credentials really were sent (so there was something to scrub).
        var sent = Assert.Single(echoing.Heads);
        var token = sent.Split("Proxy-Authorization: Basic ")[1].Split("\r\n")[0];
        Assert.Equal("alice:" + Canary, Encoding.UTF8.GetString(Convert.FromBase64String(token)));
        AssertClean(r);
    }

    [Fact]
    public async Task Token_style_user_names_and_unusable_urls_stay_hidden_too()
    {
        var token = ProxySettings.Resolve("https", new ProxyOptions(Proxy: $"http://{Canary}@127.0.0.1:9", UseEnvironment: false));
        Assert.Equal("http://****@127.0.0.1:9", token.Proxy!.Url);
        AssertClean(token);
        AssertClean(token.Proxy);
        AssertClean(token.Decide("api.example.com", 443));

        var broken = ProxySettings.Resolve("https", new ProxyOptions(Proxy: $"http://alice:{Canary}@bad host:3128", UseEnvironment: false));
        var r = await new ConnectTunnelProbe().ProbeAsync(new ProxyProbeRequest(new Target("api.example.com", 443), "https", broken), Options);
        Assert.Equal(FindingCodes.ProxyUrlInvalid, Assert.Single(r.Findings).Code);
        AssertClean(r);

        var options = new ProxyOptions(Proxy: $"http://alice:{Canary}@proxy:3128", Credentials: new ProxyCredentials("bob", Canary));
        AssertClean(options);
        Assert.Contains("alice:****@proxy:3128", options.ToString());
        // The caller's own input keeps the real value; only what ConnDiag prints is masked.
        Assert.Contains(Canary, options.Proxy);
    }
}
