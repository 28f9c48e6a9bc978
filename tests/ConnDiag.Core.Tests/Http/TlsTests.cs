using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>A TLS Kestrel (test root, leaf for localhost/api.test/127.0.0.1) and a plain one, for the protocol mix-ups.</summary>
public sealed class TlsServers : IAsyncLifetime
{
    internal TestCertificates Certificates { get; } = new();
    internal TestWebServer Tls { get; private set; } = null!;
    internal TestWebServer TlsHttp2 { get; private set; } = null!;
    internal TestWebServer Plain { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Tls = await TestWebServer.StartAsync(app => app.MapGet("/", () => "secure hello"), Certificates.Leaf,
            l => l.Protocols = HttpProtocols.Http1);
        TlsHttp2 = await TestWebServer.StartAsync(app => app.MapGet("/", () => "h2 hello"), Certificates.Leaf,
            l => l.Protocols = HttpProtocols.Http1AndHttp2);
        Plain = await TestWebServer.StartAsync(app => app.MapGet("/", () => "plain hello"));
    }

    public async Task DisposeAsync()
    {
        await Tls.DisposeAsync();
        await TlsHttp2.DisposeAsync();
        await Plain.DisposeAsync();
        Certificates.Dispose();
    }
}

public class TlsTests(TlsServers servers) : IClassFixture<TlsServers>
{
    private HttpProbeOptions Trusting => Fast with { CaBundlePath = servers.Certificates.RootPemPath };

    [Fact]
    public async Task Https_with_the_CA_bundle_passes_and_records_the_handshake()
    {
        var url = servers.Tls.Url(TestCertificates.ExtraName, "/");
        var result = await ProbeAsync(url, Trusting with { ConnectTo = servers.Tls.EndPoint });

        Assert.True(result.Findings.Count == 0, Describe(result));
        var e = result.Final;
        Assert.Equal("secure hello", e.BodyPreview);
        var tls = Assert.IsType<HttpTlsInfo>(e.Tls);
        Assert.Equal(CertificateValidationMode.CaBundle, tls.CertificateValidation);
        Assert.Equal(TestCertificates.ExtraName, tls.ServerName);
        Assert.StartsWith("Tls1", tls.Protocol);
        Assert.NotNull(tls.CipherSuite);
        Assert.Equal("CN=localhost", tls.CertificateSubject);
        Assert.Equal("CN=ConnDiag HTTP Test Root", tls.CertificateIssuer);
        Assert.Null(tls.ValidationError);
        Assert.True(e.Phases.TlsMs > 0);
        // Host stays the name while the address is the pinned one.
        Assert.Contains(servers.Tls.Received, r => r.Headers.Any(h => h.Key == "Host" && h.Value == $"{TestCertificates.ExtraName}:{servers.Tls.Port}"));
    }

    [Fact]
    public async Task Without_the_bundle_the_certificate_is_rejected_as_TLS_FAILED_with_the_reason()
    {
        var result = await ProbeAsync(servers.Tls.Url("/"));

        var f = Single(result, FindingCodes.HttpTlsFailed);
        Assert.Contains("certificate was rejected", f.Summary);
        // The server sends the leaf only and its issuer is in no store: the chain cannot even be built.
        Assert.Contains("PartialChain (unable to get local issuer certificate)", f.Summary);
        Assert.Equal(HttpPhase.Tls, result.Final.FailedPhase);
        Assert.Equal(CertificateValidationMode.System, result.Final.Tls!.CertificateValidation);
        Assert.NotNull(result.Final.Tls.ValidationError);
        Assert.Null(result.Final.Phases.TtfbMs);
    }

    [Fact]
    public async Task A_name_the_certificate_does_not_carry_is_rejected_even_with_the_bundle()
    {
        var result = await ProbeAsync(servers.Tls.Url("other.test", "/"), Trusting with { ConnectTo = servers.Tls.EndPoint });

        var f = Single(result, FindingCodes.HttpTlsFailed);
        Assert.Contains("does not name this host", f.Summary);
    }

    [Fact]
    public async Task SkipCertificateCheck_accepts_and_says_validation_was_off()
    {
        var result = await ProbeAsync(servers.Tls.Url("/"), Fast with { SkipCertificateCheck = true });

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(CertificateValidationMode.Skipped, result.Final.Tls!.CertificateValidation);
    }

    [Fact]
    public async Task Http2_is_negotiated_through_ALPN_when_asked_for()
    {
        var result = await ProbeAsync(servers.TlsHttp2.Url("/"), Trusting with { HttpVersion = HttpVersion.Version20 });

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("2", result.Final.HttpVersion);
        Assert.Equal("h2", result.Final.Tls!.Alpn);
        Assert.Equal("GET / HTTP/2", result.Final.RequestLine);
        Assert.Equal("h2 hello", result.Final.BodyPreview);
    }

    [Fact]
    public async Task An_https_URL_to_a_plain_Kestrel_is_PLAINTEXT_ON_TLS_PORT()
    {
        var result = await ProbeAsync(new Uri($"https://127.0.0.1:{servers.Plain.Port}/"));

        var f = Single(result, FindingCodes.HttpPlaintextOnTlsPort);
        Assert.Contains("HTTP/1.1 400", f.Evidence);
        Assert.Equal(HttpPhase.Tls, result.Final.FailedPhase);
    }

    [LinuxFact("python3")]
    public async Task An_https_URL_to_a_plain_python_server_is_PLAINTEXT_ON_TLS_PORT()
    {
        await using var python = await PythonHttpServer.StartAsync(IPAddress.Loopback);
        var result = await ProbeAsync(new Uri($"https://127.0.0.1:{python.Port}/"));

        var f = Single(result, FindingCodes.HttpPlaintextOnTlsPort);
        Assert.Equal(Layer.Http, f.Layer);
    }

    [Fact]
    public async Task An_http_URL_to_a_TLS_Kestrel_is_TLS_ON_PLAIN_PORT()
    {
        var result = await ProbeAsync(new Uri($"http://127.0.0.1:{servers.Tls.Port}/"));

        var f = Single(result, FindingCodes.HttpTlsOnPlainPort);
        Assert.Contains("TLS handshake record", f.Evidence);
    }
}
