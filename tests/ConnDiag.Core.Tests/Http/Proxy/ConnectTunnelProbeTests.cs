using System.Net;
using System.Text;
using ConnDiag.Core.Tests.Http.Proxy.Support;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Dns;
using ConnDiag.Findings;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Core.Tests.Http.Proxy;

/// <summary>
/// The probe's decisions and failures that need no proxy product: a proxy that is not running, loops, NO_PROXY
/// bypasses, SOCKS, unusable URLs, and peers that are not proxies (silent, closing, speaking another protocol).
/// Real loopback sockets throughout.
/// </summary>
public class ConnectTunnelProbeTests
{
    private static readonly ProxyProbeOptions Options = new(TimeSpan.FromSeconds(3));

    private static ProxySettings Settings(string proxy, string? noProxy = null) =>
        ProxySettings.Resolve("https", new ProxyOptions(Proxy: proxy, NoProxy: noProxy, UseEnvironment: false));

    private static ProxyProbeRequest Request(ProxySettings settings, string host, int port, IReadOnlyList<IPAddress>? addresses = null) =>
        new(new Target(host, port), "https", settings, addresses);

    [Fact]
    public async Task A_proxy_that_is_not_running_is_CONNECT_FAILED_with_the_refusal()
    {
        using var closed = new ClosedPort(IPAddress.Loopback);
        var r = await new ConnectTunnelProbe().ProbeAsync(Request(Settings($"http://127.0.0.1:{closed.Port}"), "api.example.com", 443), Options);

        Assert.Equal(ProxyTunnelStatus.ProxyUnreachable, r.TunnelStatus);
        var attempt = Assert.Single(r.Attempts);
        Assert.Equal(TcpPortState.Closed, attempt.State);
        Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, attempt.SocketError);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxyConnectFailed, f.Code);
        Assert.Equal($"The proxy http://127.0.0.1:{closed.Port} (from the option Proxy) refused the connection at 127.0.0.1:{closed.Port}.", f.Summary);
        Assert.Contains("ConnectionRefused", f.Evidence);
        Assert.Contains("start the proxy", f.Remedy);
        Assert.Equal(Outcome.Fail, r.Outcome);
        Assert.Null(r.StatusCode);
    }

    [Fact]
    public async Task Every_proxy_address_is_tried_until_one_accepts()
    {
        using var closed = new ClosedPort(IPAddress.Loopback);
        using var silent = new ScriptedServer((_, _, token) => Task.Delay(Timeout.Infinite, token), readHeadFirst: false);
        // proxy.test has two addresses: the first refuses, the second accepts (and never answers CONNECT).
        var resolver = new FixedResolver("proxy.test", IPAddress.Parse("127.0.0.3"), IPAddress.Loopback);
        var settings = Settings($"http://proxy.test:{silent.Port}");
        var r = await new ConnectTunnelProbe(resolver).ProbeAsync(Request(settings, "api.example.com", 443), Options with { Timeout = TimeSpan.FromMilliseconds(500) });

        Assert.Equal(2, r.Attempts.Count);
        Assert.Equal(TcpPortState.Closed, r.Attempts[0].State);
        Assert.Equal(TcpPortState.Open, r.Attempts[1].State);
        Assert.Equal(IPAddress.Loopback, r.ConnectedAttempt!.RemoteAddress);
        Assert.Equal(ProxyTunnelStatus.NoAnswer, r.TunnelStatus);
        Assert.Contains("did not answer within 0.5 s", Assert.Single(r.Findings).Summary);
    }

    [Fact]
    public async Task An_unresolvable_proxy_name_is_CONNECT_FAILED_naming_the_host()
    {
        var r = await new ConnectTunnelProbe(new FixedResolver("other.test")).ProbeAsync(
            Request(Settings("http://proxy.corp.test:3128"), "api.example.com", 443), Options);

        Assert.Equal(ProxyTunnelStatus.ProxyUnreachable, r.TunnelStatus);
        Assert.Empty(r.Attempts);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxyConnectFailed, f.Code);
        Assert.Contains("proxy host proxy.corp.test (from the option Proxy) does not resolve", f.Summary);
    }

    [Fact]
    public async Task A_proxy_without_an_address_of_the_asked_family_is_reported()
    {
        var r = await new ConnectTunnelProbe(new FixedResolver("proxy.test", IPAddress.Loopback)).ProbeAsync(
            Request(Settings("http://proxy.test:3128"), "api.example.com", 443), Options with { Family = AddressFamilyFilter.IPv6 });

        Assert.Equal(ProxyTunnelStatus.ProxyUnreachable, r.TunnelStatus);
        Assert.Contains("has no IPv6 address", Assert.Single(r.Findings).Summary);
    }

    [Fact]
    public async Task A_proxy_that_is_the_target_by_name_and_port_is_a_LOOP_and_nothing_is_sent()
    {
        using var listener = new EchoServer();
        var r = await new ConnectTunnelProbe().ProbeAsync(Request(Settings($"http://127.0.0.1:{listener.Port}"), "127.0.0.1", listener.Port), Options);

        Assert.Equal(ProxyTunnelStatus.NotAttempted, r.TunnelStatus);
        Assert.Empty(r.Attempts);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxyLoop, f.Code);
        Assert.Contains($"is the target 127.0.0.1:{listener.Port} itself", f.Summary);
        Assert.Equal(0, listener.Accepted);
    }

    [Fact]
    public async Task A_proxy_name_resolving_to_the_targets_address_on_the_same_port_is_a_LOOP()
    {
        using var listener = new EchoServer();
        var resolver = new FixedResolver("router.test", IPAddress.Loopback);
        var settings = Settings($"http://router.test:{listener.Port}");

        var byLiteral = await new ConnectTunnelProbe(resolver).ProbeAsync(Request(settings, "127.0.0.1", listener.Port), Options);
        Assert.Equal(FindingCodes.ProxyLoop, Assert.Single(byLiteral.Findings).Code);
        Assert.Contains("resolves to 127.0.0.1, which is also an address of 127.0.0.1", byLiteral.Findings[0].Evidence);

        var byEarlierStage = await new ConnectTunnelProbe(resolver).ProbeAsync(
            Request(settings, "claude-router.local", listener.Port, [IPAddress.Loopback]), Options);
        Assert.Equal(FindingCodes.ProxyLoop, Assert.Single(byEarlierStage.Findings).Code);
        Assert.Equal(0, listener.Accepted);
    }

    [Fact]
    public async Task Localhost_is_loopback_for_the_loop_check_without_a_lookup()
    {
        using var listener = new EchoServer();
        var r = await new ConnectTunnelProbe().ProbeAsync(Request(Settings($"http://127.0.0.1:{listener.Port}"), "localhost", listener.Port), Options);
        Assert.Equal(FindingCodes.ProxyLoop, Assert.Single(r.Findings).Code);
        Assert.Equal(0, listener.Accepted);
    }

    [Fact]
    public async Task The_same_address_on_another_port_is_not_a_loop()
    {
        using var proxy = ScriptedServer.Answering("HTTP/1.1 200 Connection established\r\n\r\n");
        var r = await new ConnectTunnelProbe().ProbeAsync(Request(Settings($"http://127.0.0.1:{proxy.Port}"), "127.0.0.1", 443), Options);
        Assert.Equal(ProxyTunnelStatus.Established, r.TunnelStatus);
        Assert.Empty(r.Findings);
        Assert.StartsWith("CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n", Assert.Single(proxy.Heads));
        Assert.DoesNotContain("Proxy-Authorization", proxy.Heads[0]);
    }

    [Fact]
    public async Task NO_PROXY_bypass_is_an_Info_finding_naming_the_entry_and_no_connection_is_made()
    {
        using var proxy = new EchoServer();
        var env = ProxyEnvironment.From(new Dictionary<string, string>
        {
            ["HTTPS_PROXY"] = $"http://127.0.0.1:{proxy.Port}",
            ["NO_PROXY"] = "localhost,.corp.example,10.0.0.0/8",
        });
        var settings = ProxySettings.Resolve("https", environment: env);

        var r = await new ConnectTunnelProbe().ProbeAsync(Request(settings, "api.corp.example", 443), Options);

        Assert.Equal(ProxyRoute.Bypassed, r.Decision.Route);
        Assert.Equal(".corp.example", r.Decision.MatchedEntry!.Text);
        Assert.Equal(ProxyTunnelStatus.NotAttempted, r.TunnelStatus);
        Assert.Empty(r.Attempts);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxyBypassed, f.Code);
        Assert.Equal(Severity.Info, f.Severity);
        Assert.Equal($"NO_PROXY entry '.corp.example' matched api.corp.example:443: the client connects directly, not through http://127.0.0.1:{proxy.Port}.", f.Summary);
        Assert.Contains("environment variable NO_PROXY", f.Evidence);
        Assert.Contains("environment variable HTTPS_PROXY", f.Evidence);
        Assert.Equal(Outcome.Pass, r.Outcome);
        Assert.Equal(0, proxy.Accepted);
    }

    [Fact]
    public async Task Without_a_proxy_the_route_is_direct_and_there_is_nothing_to_report()
    {
        var settings = ProxySettings.Resolve("https", environment: ProxyEnvironment.From(new Dictionary<string, string> { ["HTTP_PROXY"] = "http://127.0.0.1:9" }));
        var r = await new ConnectTunnelProbe().ProbeAsync(Request(settings, "api.example.com", 443), Options);
        Assert.Equal(ProxyRoute.Direct, r.Decision.Route);
        Assert.Equal(ProxyTunnelStatus.NotAttempted, r.TunnelStatus);
        Assert.Empty(r.Findings);
        Assert.Empty(r.Attempts);
        Assert.Contains("https_proxy, HTTPS_PROXY, all_proxy, ALL_PROXY are unset", r.Decision.Reason);
    }

    [Fact]
    public async Task An_unusable_proxy_variable_is_URL_INVALID_naming_the_variable()
    {
        var env = ProxyEnvironment.From(new Dictionary<string, string> { ["https_proxy"] = "ftp://proxy.example:21" });
        var r = await new ConnectTunnelProbe().ProbeAsync(Request(ProxySettings.Resolve("https", environment: env), "api.example.com", 443), Options);

        Assert.Equal(ProxyRoute.Unusable, r.Decision.Route);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxyUrlInvalid, f.Code);
        Assert.Equal("The proxy in the environment variable https_proxy cannot be used: 'ftp://proxy.example:21': unsupported proxy scheme 'ftp': use http, https, socks4, socks4a, socks5 or socks5h.", f.Summary);
        Assert.Empty(r.Attempts);
    }

    [Fact]
    public async Task A_SOCKS_proxy_is_checked_for_TCP_and_reported_as_not_tunnelled()
    {
        using var socks = new LoopbackListener(IPAddress.Loopback);
        var r = await new ConnectTunnelProbe().ProbeAsync(Request(Settings($"socks5h://127.0.0.1:{socks.Port}"), "api.example.com", 443), Options);

        Assert.Equal(ProxyTunnelStatus.Unsupported, r.TunnelStatus);
        Assert.Equal(TcpPortState.Open, Assert.Single(r.Attempts).State);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxySocksUnsupported, f.Code);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("is a Socks5h proxy: it accepts TCP", f.Summary);
        Assert.Equal(Outcome.Warn, r.Outcome);
    }

    [Fact]
    public async Task A_dead_SOCKS_proxy_is_CONNECT_FAILED_like_any_other()
    {
        using var closed = new ClosedPort(IPAddress.Loopback);
        var r = await new ConnectTunnelProbe().ProbeAsync(Request(Settings($"socks5://127.0.0.1:{closed.Port}"), "api.example.com", 443), Options);
        Assert.Equal(FindingCodes.ProxyConnectFailed, Assert.Single(r.Findings).Code);
    }

    [Fact]
    public async Task A_peer_that_closes_without_answering_is_CONNECT_FAILED()
    {
        using var closer = new ScriptedServer((_, _, _) => Task.CompletedTask);
        var r = await new ConnectTunnelProbe().ProbeAsync(Request(Settings($"http://127.0.0.1:{closer.Port}"), "api.example.com", 443), Options);

        Assert.Equal(ProxyTunnelStatus.NoAnswer, r.TunnelStatus);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxyConnectFailed, f.Code);
        Assert.Contains("closed the connection without answering to CONNECT api.example.com:443", f.Summary);
    }

    [Fact]
    public async Task A_peer_speaking_another_protocol_is_shown_with_its_first_bytes()
    {
        using var ssh = new ScriptedServer(async (s, _, token) =>
        {
            await s.WriteAsync("SSH-2.0-OpenSSH_9.2p1\r\n"u8.ToArray(), token);
            await Task.Delay(TimeSpan.FromSeconds(5), token);
        }, readHeadFirst: false);
        var r = await new ConnectTunnelProbe().ProbeAsync(Request(Settings($"http://127.0.0.1:{ssh.Port}"), "api.example.com", 443), Options);

        Assert.Equal(ProxyTunnelStatus.InvalidResponse, r.TunnelStatus);
        var f = Assert.Single(r.Findings);
        Assert.Contains("something that is not HTTP", f.Summary);
        Assert.Contains("'SSH-2.0-OpenSSH_9.2p1\\x0D\\x0A'", f.Evidence);
    }

    [Fact]
    public async Task Bytes_that_arrive_with_the_200_belong_to_the_tunnel()
    {
        using var proxy = ScriptedServer.Answering("HTTP/1.1 200 Connection established\r\nProxy-Agent: scripted\r\n\r\nSERVER-SPEAKS-FIRST");
        await using var tunnel = await new ConnectTunnelProbe().OpenAsync(Request(Settings($"http://127.0.0.1:{proxy.Port}"), "db.example", 5432), Options);

        Assert.Equal(ProxyTunnelStatus.Established, tunnel.Result.TunnelStatus);
        var buffer = new byte["SERVER-SPEAKS-FIRST".Length];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await tunnel.Stream!.ReadExactlyAsync(buffer, cts.Token);
        Assert.Equal("SERVER-SPEAKS-FIRST", Encoding.ASCII.GetString(buffer));
    }

    [Fact]
    public async Task Squids_503_for_a_dead_upstream_is_UPSTREAM_FAILED_and_a_407_offering_only_NTLM_says_Basic_will_not_do()
    {
        using var squid = ScriptedServer.Answering(
            "HTTP/1.1 503 Service Unavailable\r\nServer: squid/5.7\r\nX-Squid-Error: ERR_CONNECT_FAIL 111\r\nContent-Length: 0\r\n\r\n");
        var upstream = await new ConnectTunnelProbe().ProbeAsync(Request(Settings($"http://127.0.0.1:{squid.Port}"), "api.example.com", 443), Options);
        Assert.Equal(ProxyTunnelStatus.UpstreamFailed, upstream.TunnelStatus);
        var f = Assert.Single(upstream.Findings);
        Assert.Equal(FindingCodes.ProxyUpstreamFailed, f.Code);
        Assert.Contains("X-Squid-Error: ERR_CONNECT_FAIL 111", f.Evidence);
        Assert.Equal("ERR_CONNECT_FAIL 111", upstream.ResponseHeaders["X-Squid-Error"]);

        using var ntlm = ScriptedServer.Answering(
            "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nProxy-Authenticate: NTLM\r\nContent-Length: 0\r\n\r\n");
        var auth = await new ConnectTunnelProbe().ProbeAsync(Request(Settings($"http://127.0.0.1:{ntlm.Port}"), "api.example.com", 443), Options);
        Assert.Equal(["Negotiate", "NTLM"], auth.ProxyAuthenticateSchemes);
        Assert.Contains("offers only Negotiate, NTLM, not Basic", Assert.Single(auth.Findings).Remedy);
    }

    [Fact]
    public async Task Cancellation_is_the_only_exception()
    {
        using var silent = new ScriptedServer((_, _, token) => Task.Delay(Timeout.Infinite, token));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ConnectTunnelProbe().ProbeAsync(Request(Settings($"http://127.0.0.1:{silent.Port}"), "api.example.com", 443), Options with { Timeout = TimeSpan.FromSeconds(30) }, cts.Token));
    }

    [Fact]
    public async Task Bad_options_are_a_clear_argument_error()
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            new ConnectTunnelProbe().ProbeAsync(Request(ProxySettings.None, "a.example", 443), new ProxyProbeOptions(TimeSpan.Zero)));
        Assert.Contains("timeout must be positive", ex.Message);
    }
}
