using System.Net;
using System.Text;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Proxy.Support;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Findings;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Http.Proxy;

/// <summary>The CONNECT probe against tinyproxy 1.11 as a real proxy: tunnel, 407, 403 filter, dead upstream, and TLS to the proxy.</summary>
public class TinyproxyTunnelTests
{
    private static readonly ProxyProbeOptions Options = new(TimeSpan.FromSeconds(5));
    private static readonly ConnectTunnelProbe Probe = new();

    private static ProxyProbeRequest Request(string proxyUrl, string host, int port, string scheme = "https") =>
        new(new Target(host, port), scheme, ProxySettings.Resolve(scheme, new ProxyOptions(Proxy: proxyUrl, UseEnvironment: false)));

    private static async Task AssertEchoesAsync(Stream tunnel)
    {
        var payload = Encoding.ASCII.GetBytes("through-the-tunnel-" + Guid.NewGuid().ToString("N"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await tunnel.WriteAsync(payload, cts.Token);
        await tunnel.FlushAsync(cts.Token);
        var back = new byte[payload.Length];
        await tunnel.ReadExactlyAsync(back, cts.Token);
        Assert.Equal(payload, back);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task CONNECT_through_tinyproxy_opens_a_tunnel_that_carries_bytes_end_to_end()
    {
        using var echo = new EchoServer();
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([echo.Port]));

        await using var tunnel = await Probe.OpenAsync(Request(proxy.Url, "127.0.0.1", echo.Port), Options);
        var r = tunnel.Result;
        Assert.True(r.TunnelOpen, string.Join("\n", r.Findings) + "\n" + proxy.Log);
        Assert.Equal(ProxyTunnelStatus.Established, r.TunnelStatus);
        Assert.Equal(200, r.StatusCode);
        Assert.Equal(ProxyRoute.ViaProxy, r.Decision.Route);
        Assert.Empty(r.Findings);
        Assert.Equal(Outcome.Pass, r.Outcome);
        var connected = Assert.Single(r.Attempts);
        Assert.Equal(proxy.Port, connected.Port);
        Assert.NotNull(r.ProxyConnectMs);
        Assert.NotNull(r.ConnectRoundTripMs);
        Assert.Equal("tinyproxy/1.11.1", r.ResponseHeaders.GetValueOrDefault("Server") ?? "tinyproxy/1.11.1");

        await AssertEchoesAsync(tunnel.Stream!);
        Assert.Equal(1, echo.Accepted);
        Assert.True(await proxy.WaitForLogAsync($"CONNECT 127.0.0.1:{echo.Port}"), proxy.Log);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task A_port_tinyproxy_does_not_allow_for_CONNECT_is_a_403_from_the_proxy()
    {
        using var echo = new EchoServer();
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([443]));

        var r = await Probe.ProbeAsync(Request(proxy.Url, "127.0.0.1", echo.Port), Options);

        Assert.Equal(ProxyTunnelStatus.Forbidden, r.TunnelStatus);
        Assert.Equal(403, r.StatusCode);
        Assert.Equal("Access violation", r.ReasonPhrase);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxyForbidden, f.Code);
        Assert.Contains("CONNECT method not allowed with the port", r.BodySnippet);
        Assert.Equal(0, echo.Accepted);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task BasicAuth_without_credentials_is_407_with_the_Basic_scheme_and_with_them_the_tunnel_opens()
    {
        using var echo = new EchoServer();
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([echo.Port], BasicAuth: ("alice", "tunnel-pass")));

        var denied = await Probe.ProbeAsync(Request(proxy.Url, "127.0.0.1", echo.Port), Options);
        Assert.True(ProxyTunnelStatus.AuthRequired == denied.TunnelStatus, string.Join("\n", denied.Findings.Select(f => f.Summary + " | " + f.Evidence)) + "\n" + proxy.Log);
        Assert.Equal(407, denied.StatusCode);
        Assert.Equal(["Basic"], denied.ProxyAuthenticateSchemes);
        var f = Assert.Single(denied.Findings);
        Assert.Equal(FindingCodes.ProxyAuthRequired, f.Code);
        Assert.Contains("no credentials are configured", f.Summary);
        Assert.Contains("offers Basic", f.Summary);
        Assert.Contains("Proxy-Authenticate: Basic realm=\"Tinyproxy\"", f.Evidence);

        var wrongUrl = proxy.Url.Replace("http://", "http://alice:wrong-pass@", StringComparison.Ordinal);
        var wrong = await Probe.ProbeAsync(Request(wrongUrl, "127.0.0.1", echo.Port), Options);
        // tinyproxy 1.11 answers wrong credentials on CONNECT with 401 and WWW-Authenticate, not 407.
        Assert.Equal(ProxyTunnelStatus.AuthRequired, wrong.TunnelStatus);
        Assert.Equal(401, wrong.StatusCode);
        Assert.Equal(["Basic"], wrong.ProxyAuthenticateSchemes);
        var wf = Assert.Single(wrong.Findings);
        Assert.Equal(FindingCodes.ProxyAuthRequired, wf.Code);
        Assert.Contains("rejected the credentials for user 'alice'", wf.Summary);
        Assert.Contains("proxies should say 407", wf.Evidence);

        var rightUrl = proxy.Url.Replace("http://", "http://alice:tunnel-pass@", StringComparison.Ordinal);
        await using var tunnel = await Probe.OpenAsync(Request(rightUrl, "127.0.0.1", echo.Port), Options);
        Assert.Equal(ProxyTunnelStatus.Established, tunnel.Result.TunnelStatus);
        Assert.Empty(tunnel.Result.Findings);
        await AssertEchoesAsync(tunnel.Stream!);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task A_filter_that_denies_the_host_is_403_Filtered_with_the_proxys_page()
    {
        using var echo = new EchoServer();
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([echo.Port], AllowedHosts: [@"^127\.0\.0\.1$"]));

        var allowed = await Probe.ProbeAsync(Request(proxy.Url, "127.0.0.1", echo.Port), Options);
        Assert.True(ProxyTunnelStatus.Established == allowed.TunnelStatus, string.Join("\n", allowed.Findings.Select(f => f.Summary + " | " + f.Evidence)) + "\n" + proxy.Log);

        var r = await Probe.ProbeAsync(Request(proxy.Url, "127.0.0.2", echo.Port), Options);
        Assert.True(ProxyTunnelStatus.Forbidden == r.TunnelStatus, string.Join("\n", r.Findings.Select(f => f.Summary + " | " + f.Evidence)) + "\n" + proxy.Log);
        Assert.Equal("Filtered", r.ReasonPhrase);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxyForbidden, f.Code);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("refuses CONNECT 127.0.0.2:", f.Summary);
        Assert.Contains("The request you made has been filtered", f.Summary);
        Assert.DoesNotContain("<", r.BodySnippet);
        Assert.True(await proxy.WaitForLogAsync("filtered domain \"127.0.0.2\""), proxy.Log);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task A_dead_upstream_is_what_tinyproxy_says_it_is_a_500_Unable_to_connect()
    {
        using var closed = new ClosedPort(IPAddress.Loopback);
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([closed.Port]));

        var r = await Probe.ProbeAsync(Request(proxy.Url, "127.0.0.1", closed.Port), Options);

        // tinyproxy 1.11 answers a refused upstream with "500 Unable to connect", not 502/504: a refusal we
        // report with its status; Squid's 503 and the 502/504 of other proxies are UPSTREAM_FAILED.
        Assert.Equal(ProxyTunnelStatus.Rejected, r.TunnelStatus);
        Assert.Equal(500, r.StatusCode);
        Assert.Equal("Unable to connect", r.ReasonPhrase);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxyConnectFailed, f.Code);
        Assert.Contains("HTTP/1.1 500 Unable to connect", f.Summary);
        Assert.Contains("unable to connect to the remote web server", f.Evidence);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task An_http_target_checks_the_proxy_but_sends_no_CONNECT()
    {
        using var echo = new EchoServer();
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([echo.Port]));

        var tunnel = await Probe.OpenAsync(Request(proxy.Url, "127.0.0.1", echo.Port, scheme: "http"), Options);
        Assert.Equal(ProxyTunnelStatus.NotNeeded, tunnel.Result.TunnelStatus);
        Assert.True(tunnel.Result.TunnelOpen);
        Assert.NotNull(tunnel.Stream);
        Assert.Null(tunnel.Result.StatusCode);
        await tunnel.DisposeAsync();

        // tinyproxy logs the closed connection once it gave up on reading a request: by then a CONNECT would be logged too.
        Assert.True(await proxy.WaitForLogAsync("closed socket before read"), proxy.Log);
        Assert.DoesNotContain($"CONNECT 127.0.0.1:{echo.Port}", proxy.Log);
        Assert.Equal(0, echo.Accepted);
    }

    [LinuxFact(Tinyproxy.Binary, TlsFront.Binary)]
    public async Task An_https_proxy_gets_TLS_first_and_then_the_tunnel_inside_it()
    {
        using var echo = new EchoServer();
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([echo.Port]));
        using var front = TlsFront.Start(proxy.Port);
        var options = Options with
        {
            ProxyCertificateValidation = (_, cert, _, _) => string.Equals(cert?.GetCertHashString(), front.Thumbprint, StringComparison.OrdinalIgnoreCase),
        };

        await using var tunnel = await Probe.OpenAsync(Request(front.Url, "127.0.0.1", echo.Port), options);

        var r = tunnel.Result;
        Assert.Equal(ProxyTunnelStatus.Established, r.TunnelStatus);
        Assert.Equal(ProxyScheme.Https, r.Settings.Proxy!.Scheme);
        Assert.NotNull(r.ProxyTlsMs);
        Assert.StartsWith("Tls", r.ProxyTlsProtocol);
        Assert.False(r.ProxyCertificateCheckSkipped);
        await AssertEchoesAsync(tunnel.Stream!);
    }

    [LinuxFact(Tinyproxy.Binary, TlsFront.Binary)]
    public async Task An_https_proxy_with_an_untrusted_certificate_fails_at_TLS_naming_the_certificate()
    {
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([443]));
        using var front = TlsFront.Start(proxy.Port);

        var r = await Probe.ProbeAsync(Request(front.Url, "127.0.0.1", 443), Options);

        Assert.Equal(ProxyTunnelStatus.ProxyTlsFailed, r.TunnelStatus);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxyConnectFailed, f.Code);
        Assert.Contains("TLS handshake with the HTTPS proxy", f.Summary);
        Assert.Contains("certificate", f.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("CA bundle", f.Remedy);

        var skipped = await Probe.ProbeAsync(Request(front.Url, "127.0.0.1", 443), Options with { SkipProxyCertificateCheck = true });
        Assert.True(skipped.ProxyCertificateCheckSkipped);
        Assert.Equal(ProxyTunnelStatus.Rejected, skipped.TunnelStatus);
        Assert.NotEqual(ProxyTunnelStatus.ProxyTlsFailed, skipped.TunnelStatus);
    }

    [LinuxFact(Tinyproxy.Binary)]
    public async Task An_https_url_for_a_plain_http_proxy_fails_at_TLS_and_says_to_write_http()
    {
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([443]));

        var url = proxy.Url.Replace("http://", "https://", StringComparison.Ordinal);
        // tinyproxy waits for the end of a request line that never comes: the handshake times out.
        var r = await Probe.ProbeAsync(Request(url, "127.0.0.1", 443), Options with { Timeout = TimeSpan.FromSeconds(2) });

        Assert.Equal(ProxyTunnelStatus.ProxyTlsFailed, r.TunnelStatus);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxyConnectFailed, f.Code);
        Assert.Contains("write http:// instead of https://", f.Remedy);
    }

    [LinuxFact(Tinyproxy.Binary, TlsFront.Binary)]
    public async Task An_http_url_for_a_TLS_proxy_port_is_not_mistaken_for_an_answer()
    {
        using var proxy = Tinyproxy.Start(new TinyproxyConfig([443]));
        using var front = TlsFront.Start(proxy.Port);

        var url = front.Url.Replace("https://", "http://", StringComparison.Ordinal);
        var r = await Probe.ProbeAsync(Request(url, "127.0.0.1", 443), Options with { Timeout = TimeSpan.FromSeconds(2) });

        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ProxyConnectFailed, f.Code);
        Assert.Contains(r.TunnelStatus, new[] { ProxyTunnelStatus.InvalidResponse, ProxyTunnelStatus.NoAnswer });
        if (r.TunnelStatus == ProxyTunnelStatus.InvalidResponse) Assert.Contains("write https://", f.Remedy);
        Assert.Null(r.StatusCode);
    }
}
