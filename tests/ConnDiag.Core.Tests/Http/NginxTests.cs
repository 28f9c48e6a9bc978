using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static ConnDiag.Core.Tests.Http.Support.NginxServer;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>
/// A real nginx as the reverse proxy in front of a dead backend (502), a slow one with a short read timeout
/// (504), and with TLS; started once for the class, stopped by PID.
/// </summary>
public sealed class NginxFixture : IAsyncLifetime
{
    private ClosedPort? _dead;

    internal TestCertificates Certificates { get; } = new();
    internal TestWebServer? SlowBackend { get; private set; }
    internal NginxServer? Nginx { get; private set; }
    internal int DeadUpstreamPort { get; private set; }
    internal int SlowUpstreamPort { get; private set; }
    internal int TlsPort { get; private set; }
    internal string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        if (!TestEnvironment.HasCommand("nginx") && !TestEnvironment.IsCi)
        {
            Unavailable = "nginx is not installed (apt-get install nginx-light)";
            return;
        }
        _dead = new ClosedPort(IPAddress.Loopback);
        SlowBackend = await TestWebServer.StartAsync(app => app.MapGet("/", async (HttpContext c) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), c.RequestAborted);
            await c.Response.WriteAsync("too late");
        }));
        DeadUpstreamPort = TestSockets.FreePort();
        SlowUpstreamPort = TestSockets.FreePort();
        TlsPort = TestSockets.FreePort();
        Nginx = await StartAsync($$"""
              server {
                listen 127.0.0.1:{{Port(DeadUpstreamPort)}};
                location / { proxy_pass http://127.0.0.1:{{Port(_dead.Port)}}; }
              }
              server {
                listen 127.0.0.1:{{Port(SlowUpstreamPort)}};
                location / { proxy_pass http://127.0.0.1:{{Port(SlowBackend.Port)}}; proxy_read_timeout 1s; }
              }
              server {
                listen 127.0.0.1:{{Port(TlsPort)}} ssl;
                ssl_certificate {{Certificates.LeafPemPath}};
                ssl_certificate_key {{Certificates.LeafKeyPath}};
                location / { return 200 "tls ok\n"; }
              }
            """, DeadUpstreamPort, SlowUpstreamPort, TlsPort);
    }

    public async Task DisposeAsync()
    {
        Nginx?.Dispose();
        if (SlowBackend is not null) await SlowBackend.DisposeAsync();
        _dead?.Dispose();
        Certificates.Dispose();
    }
}

public class NginxTests(NginxFixture nginx) : IClassFixture<NginxFixture>
{
    private static Uri Local(string scheme, int port) => new($"{scheme}://127.0.0.1:{port}/");

    [LinuxFact("nginx")]
    public async Task A_reverse_proxy_to_a_dead_backend_is_BAD_GATEWAY()
    {
        var result = await ProbeAsync(Local("http", Ready().DeadUpstreamPort));

        var f = Single(result, FindingCodes.HttpBadGateway);
        Assert.Equal(502, result.StatusCode);
        Assert.Contains("could not reach its backend", f.Summary);
        Assert.Contains("Server: nginx", f.Evidence);
    }

    [LinuxFact("nginx")]
    public async Task A_reverse_proxy_timing_out_on_a_slow_backend_is_GATEWAY_TIMEOUT()
    {
        var result = await ProbeAsync(Local("http", Ready().SlowUpstreamPort));

        var f = Single(result, FindingCodes.HttpGatewayTimeout);
        Assert.Equal(504, result.StatusCode);
        Assert.Equal(Severity.Error, f.Severity);
    }

    [LinuxFact("nginx")]
    public async Task Nginx_with_TLS_passes_with_the_CA_bundle()
    {
        var n = Ready();
        var result = await ProbeAsync(new Uri($"https://{TestCertificates.ExtraName}:{n.TlsPort}/"),
            Fast with { CaBundlePath = n.Certificates.RootPemPath, ConnectTo = new IPEndPoint(IPAddress.Loopback, n.TlsPort) });

        Assert.True(result.Findings.Count == 0, Describe(result));
        Assert.Equal("tls ok\n", result.Final.BodyPreview);
        Assert.Equal(TestCertificates.ExtraName, result.Final.Tls!.ServerName);
        Assert.NotNull(result.Final.Tls.Protocol);
    }

    [LinuxFact("nginx")]
    public async Task Plain_HTTP_to_nginx_TLS_port_is_TLS_ON_PLAIN_PORT_although_nginx_answers_in_HTTP()
    {
        var result = await ProbeAsync(Local("http", Ready().TlsPort));

        var f = Single(result, FindingCodes.HttpTlsOnPlainPort);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("The plain HTTP request was sent to HTTPS port", f.Summary);
        Assert.DoesNotContain(result.Findings, x => x.Code == FindingCodes.HttpUnexpectedStatus);
    }

    private NginxFixture Ready()
    {
        Assert.True(nginx.Unavailable is null, nginx.Unavailable);
        return nginx;
    }
}
