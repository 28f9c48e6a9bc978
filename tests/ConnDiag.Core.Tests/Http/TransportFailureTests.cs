using System.Net;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>Servers that fail before a response: each failure gets the code the connection's evidence proves.</summary>
public class TransportFailureTests
{
    [Fact]
    public async Task A_server_that_never_answers_is_a_TIMEOUT_in_the_ttfb_phase()
    {
        using var server = RawTcpServer.Silent();
        var result = await ProbeAsync(server.Url(), Fast with { Timeout = TimeSpan.FromSeconds(1) });

        var f = Single(result, FindingCodes.HttpTimeout);
        Assert.Contains("no response within 1 s", f.Summary);
        Assert.Equal(HttpPhase.Ttfb, result.Final.FailedPhase);
        Assert.Null(result.StatusCode);
        Assert.NotNull(result.Final.Phases.TtfbMs);
        Assert.Null(result.Final.Phases.TransferMs);
    }

    [Fact]
    public async Task A_reset_before_any_response_byte_is_TCP_RESET_and_the_handler_gets_no_hidden_retry()
    {
        using var server = RawTcpServer.ResetAfterRequest();
        var result = await ProbeAsync(server.Url());

        var f = Single(result, FindingCodes.TcpReset);
        Assert.Equal(Layer.Tcp, f.Layer);
        Assert.Contains("before any response byte", f.Summary);
        Assert.Single(result.Attempts);
        Assert.Single(result.Attempts[0].Exchanges);
        // The request's connection, plus the one TLS question that rules out a TLS server; SocketsHttpHandler's
        // own silent retries on new connections were refused by the probe.
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task A_clean_close_without_a_response_is_EMPTY_REPLY()
    {
        using var server = RawTcpServer.CloseAfterRequest();
        var f = Single(await ProbeAsync(server.Url()), FindingCodes.HttpEmptyReply);
        Assert.Contains("closed the connection without sending a response", f.Summary);
    }

    [Fact]
    public async Task An_answer_that_is_not_HTTP_is_PROTOCOL_ERROR_showing_the_first_bytes()
    {
        using var server = RawTcpServer.Garbage("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        var f = Single(await ProbeAsync(server.Url()), FindingCodes.HttpProtocolError);
        Assert.Contains("SSH-2.0-OpenSSH_9.2\\r\\n", f.Evidence);
    }

    [Fact]
    public async Task A_closed_port_is_TCP_REFUSED_in_the_connect_phase()
    {
        using var closed = new ClosedPort(IPAddress.Loopback);
        var result = await ProbeAsync(new Uri($"http://127.0.0.1:{closed.Port}/"));

        Single(result, FindingCodes.TcpRefused);
        Assert.Equal(HttpPhase.Connect, result.Final.FailedPhase);
        Assert.Equal(0, result.Final.Phases.DnsMs);
        Assert.Null(result.Final.Phases.TlsMs);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_DNS_LOOKUP_FAILED_in_the_dns_phase()
    {
        var probe = new HttpProbe(new FixedResolver("known.test", IPAddress.Loopback));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await probe.ProbeAsync(new HttpProbeRequest(new Uri("http://unknown.test:9/")), Fast, limit.Token);

        Single(result, FindingCodes.DnsLookupFailed);
        Assert.Equal(HttpPhase.Dns, result.Final.FailedPhase);
        Assert.Null(result.Final.Phases.ConnectMs);
    }

    [Fact]
    public async Task A_resolved_name_is_connected_with_its_DNS_time_recorded()
    {
        await using var server = await TestWebServer.StartAsync(app => Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/", () => "ok"));
        var probe = new HttpProbe(new FixedResolver("named.test", IPAddress.Loopback));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await probe.ProbeAsync(new HttpProbeRequest(server.Url("named.test", "/")), Fast, limit.Token);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(0.1, result.Final.Phases.DnsMs!.Value, 3);
    }
}
