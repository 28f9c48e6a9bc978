using System.Net;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Findings;
using ConnDiag.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>The plug points the proxy stage uses: a handler-level IWebProxy, and a replaceable connect step.</summary>
public class HookTests
{
    [Fact]
    public async Task With_an_IWebProxy_the_request_goes_to_the_proxy_in_absolute_form()
    {
        // Kestrel accepts absolute-form request targets, so it can stand in for a forward proxy here.
        await using var proxy = await TestWebServer.StartAsync(app => app.MapGet("/{**path}", (HttpContext c) => c.Response.WriteAsync("via proxy")));
        var options = Fast with { Proxy = new WebProxy(proxy.Url("/")), ConnectTo = new IPEndPoint(IPAddress.Loopback, 1) };

        var result = await ProbeAsync(new Uri("http://upstream.test:8080/v1/models"), options);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("via proxy", result.Final.BodyPreview);
        // The pin belongs to the URL's host; the proxy is connected at its own address and port.
        Assert.Equal(proxy.Port, result.Final.RemotePort);
        var seen = Assert.Single(proxy.Received);
        Assert.Equal("/v1/models", seen.Path);
        Assert.Contains(seen.Headers, h => h.Key == "Host" && h.Value == "upstream.test:8080");
    }

    [Fact]
    public async Task Https_through_a_CONNECT_proxy_keeps_SNI_and_certificate_checks_and_counts_the_tunnel_in_tls()
    {
        using var certificates = new TestCertificates();
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "tunnelled"), certificates.Leaf);
        using var proxy = RawTcpServer.ConnectProxy();
        var options = Fast with { Proxy = new WebProxy(proxy.Url()), CaBundlePath = certificates.RootPemPath };

        var result = await ProbeAsync(server.Url(TestCertificates.ExtraName, "/"), options);

        Assert.True(result.Findings.Count == 0, Describe(result));
        Assert.Equal("tunnelled", result.Final.BodyPreview);
        Assert.Equal(proxy.Port, result.Final.RemotePort);
        Assert.Equal(TestCertificates.ExtraName, result.Final.Tls!.ServerName);
        Assert.NotNull(result.Final.Tls.Protocol);
        Assert.True(result.Final.Phases.TlsMs > 0);
    }

    [Fact]
    public async Task A_proxy_refusing_the_CONNECT_tunnel_is_named_with_its_answer_not_taken_for_a_plain_server()
    {
        using var proxy = RawTcpServer.Garbage("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n");
        var result = await ProbeAsync(new Uri("https://upstream.test/"), Fast with { Proxy = new WebProxy(proxy.Url()) });

        var f = Single(result, FindingCodes.HttpProtocolError);
        Assert.Contains("did not open the CONNECT tunnel", f.Summary);
        Assert.Contains("407", f.Summary);
        Assert.Contains("407 needs proxy credentials", f.Remedy);
        Assert.DoesNotContain(result.Findings, x => x.Code == FindingCodes.HttpPlaintextOnTlsPort);
        Assert.Equal(proxy.Port, result.Final.RemotePort);
    }

    [Fact]
    public async Task A_custom_connector_supplies_the_stream_and_sees_the_pinned_endpoint()
    {
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "connected by the hook"));
        var connector = new RecordingConnector();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await new HttpProbe(connector: connector).ProbeAsync(
            new HttpProbeRequest(server.Url("hooked.test", "/")), Fast with { ConnectTo = server.EndPoint }, limit.Token);

        Assert.Equal("connected by the hook", result.Final.BodyPreview);
        var request = Assert.Single(connector.Requests);
        Assert.Equal("hooked.test", request.Host);
        Assert.Equal(server.EndPoint, request.PinnedEndPoint);
    }

    private sealed class RecordingConnector : IHttpConnector
    {
        public List<HttpConnectRequest> Requests { get; } = [];

        public ValueTask<HttpConnection> ConnectAsync(HttpConnectRequest request, CancellationToken cancellationToken)
        {
            lock (Requests) Requests.Add(request);
            return DirectHttpConnector.Default.ConnectAsync(request, cancellationToken);
        }
    }
}
