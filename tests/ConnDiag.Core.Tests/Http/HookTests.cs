using System.Net;
using ConnDiag.Core.Tests.Http.Support;
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
