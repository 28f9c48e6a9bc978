using System.Net;
using System.Text.Json;
using ConnDiag.Clock;
using ConnDiag.Core.Tests.Diagnosis;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Core.Tests.Tls.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Model;
using ConnDiag.Monitoring.Prometheus;
using ConnDiag.Serialization;
using ConnDiag.Tcp;
using ConnDiag.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnDiag.Core.Tests.Monitoring.Prometheus;

/// <summary>
/// Real probes against loopback fixtures (Kestrel over HTTPS and HTTP, a closed port, openssl s_server with a
/// generated chain, an HTTP Date clock source), their results converted together, and the output checked by
/// promtool and by the strict reader, then series by series against what the probes saw.
/// </summary>
public sealed class RealResultsTests : IDisposable
{
    private readonly TestChain _pki = new();

    public void Dispose() => _pki.Dispose();

    private static string Convert(params object[] results) => PrometheusConverter.Convert(results.Select(ConnDiagJson.ToElement));

    private static double Unix(DateTime t) => (new DateTimeOffset(t.ToUniversalTime()) - DateTimeOffset.UnixEpoch).TotalSeconds;

    [LinuxFact("promtool", "openssl")]
    public async Task Endpoint_tcp_tls_and_clock_results_become_one_valid_exposition_with_their_measured_values()
    {
        using var certs = new TestCertificates();
        await using var https = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/health", () => "ok");
            app.MapGet("/missing", (HttpContext c) =>
            {
                c.Response.StatusCode = 404;
                return c.Response.WriteAsync("no");
            });
        }, certs.Leaf);
        using var closed = new ClosedPort(IPAddress.Loopback);
        var notAfter = DateTimeOffset.UtcNow.AddDays(45);
        using var leaf = _pki.Leaf(spec: new CertSpec { Dns = ["localhost"], Ips = [IPAddress.Loopback], NotAfter = notAfter });
        using var tlsServer = OpenSslServer.Start(leaf, [_pki.Intermediate]);

        var options = EndpointDiagnoserTests.Options() with
        {
            TlsChain = TlsChainOptions.Default with { Trust = TlsTrust.FromBundle(certs.RootPemPath, CaBundleMode.Add), MinimumDaysValid = 1 },
            Http = EndpointDiagnoserTests.Options().Http with { CaBundlePath = certs.RootPemPath },
        };
        var healthy = await new EndpointDiagnoser().DiagnoseAsync(https.Url("/health").ToString(), options);
        var missing = await new EndpointDiagnoser().DiagnoseAsync(https.Url("/missing").ToString(), options);
        var refused = await new TcpProbe().ProbeAsync(new Target("127.0.0.1", closed.Port), new TcpProbeOptions(TimeSpan.FromSeconds(5)));
        var tls = await new TlsProbe().ProbeAsync(new Target("127.0.0.1", tlsServer.Port), new TlsProbeOptions(TimeSpan.FromSeconds(10), _pki.Trusting, "localhost"));
        await using var plain = await TestWebServer.StartAsync(app => app.MapGet("/", () => "time"));
        Assert.True(ClockSource.TryParseUri(plain.Url("/").ToString(), out var source, out var error), error);
        var clock = await new ClockSkewProbe().MeasureAsync(source!, new ClockSkewOptions(TimeSpan.FromSeconds(5)));

        var samples = Exposition.Check(Convert(healthy, missing, refused, tls, clock));

        var healthyUrl = https.Url("/health").ToString();
        var missingUrl = https.Url("/missing").ToString();
        var refusedTarget = $"127.0.0.1:{closed.Port}";
        var tlsTarget = $"127.0.0.1:{tlsServer.Port}";

        // Verdicts.
        Assert.Equal(1, samples.One("conndiag_probe_success", "kind=endpoint", "target=" + healthyUrl).Value);
        Assert.Equal(0, samples.One("conndiag_probe_success", "kind=endpoint", "target=" + missingUrl).Value);
        Assert.Equal(0, samples.One("conndiag_probe_success", "kind=tcp", "target=" + refusedTarget).Value);
        Assert.Equal(1, samples.One("conndiag_probe_success", "kind=tls", "target=" + tlsTarget).Value);
        Assert.Equal(1, samples.One("conndiag_probe_success", "kind=clock").Value);

        // HTTP: the status each server sent, and the phases of the request that got it.
        Assert.Equal(200, samples.One("conndiag_http_status_code", "target=" + healthyUrl).Value);
        Assert.Equal(404, samples.One("conndiag_http_status_code", "target=" + missingUrl).Value);
        var phases = ((ConnDiag.Http.HttpProbeResult)healthy.StageNamed("http")!.Evidence!).Attempts[^1].Exchanges[^1].Phases;
        Assert.Equal(Math.Round(phases.TotalMs / 1000, 9), samples.One("conndiag_http_phase_seconds", "target=" + healthyUrl, "phase=total").Value);
        Assert.Equal(Math.Round(phases.TlsMs!.Value / 1000, 9), samples.One("conndiag_http_phase_seconds", "target=" + healthyUrl, "phase=tls").Value);
        Assert.True(samples.One("conndiag_http_phase_seconds", "target=" + healthyUrl, "phase=tls").Value > 0);
        Assert.Equal(["connect", "dns", "proxy", "tls", "total", "transfer", "ttfb"],
            samples.Named("conndiag_http_phase_seconds").Where(s => s["target"] == healthyUrl).Select(s => s["phase"]).Order());
        Assert.Equal(1, samples.One("conndiag_findings", "target=" + missingUrl, "code=HTTP.NOT_FOUND", "severity=Error").Value);

        // Stages: one outcome series per possible outcome, 1 for the real one; durations only for stages that ran.
        Assert.Equal(1, samples.One("conndiag_stage_outcome", "target=" + healthyUrl, "stage=tls", "outcome=Pass").Value);
        Assert.Equal(0, samples.One("conndiag_stage_outcome", "target=" + healthyUrl, "stage=tls", "outcome=Fail").Value);
        Assert.Equal(1, samples.One("conndiag_stage_outcome", "target=" + healthyUrl, "stage=dns", "outcome=Skipped").Value);
        Assert.Equal(4 * healthy.Stages.Count, samples.Named("conndiag_stage_outcome").Count(s => s["target"] == healthyUrl));
        Assert.DoesNotContain(samples.Named("conndiag_stage_duration_seconds"), s => s["target"] == healthyUrl && s["stage"] == "dns");
        Assert.Equal(Math.Round(healthy.StageNamed("http")!.DurationMs / 1000, 9),
            samples.One("conndiag_stage_duration_seconds", "target=" + healthyUrl, "stage=http").Value);

        // TCP: the refused port is closed, with the finding counted; the endpoint's own connect is open.
        Assert.Equal(0, samples.One("conndiag_tcp_port_open", "kind=tcp", "address=127.0.0.1", "port=" + closed.Port).Value);
        Assert.Equal(1, samples.One("conndiag_findings", "kind=tcp", "code=TCP.REFUSED", "severity=Error").Value);
        Assert.Equal(1, samples.One("conndiag_tcp_port_open", "target=" + healthyUrl, "address=127.0.0.1", "port=" + https.Port).Value);

        // TLS: the earliest notAfter in the chain is the leaf's (the intermediate and root outlive it), to the second.
        Assert.Equal(Unix(leaf.Certificate.NotAfter), samples.One("conndiag_tls_certificate_expiry_timestamp_seconds", "kind=tls").Value);
        Assert.Equal(Unix(certs.Leaf.NotAfter), samples.One("conndiag_tls_certificate_expiry_timestamp_seconds", "target=" + healthyUrl).Value);
        Assert.Equal(1, samples.One("conndiag_tls_certificate_trusted", "kind=tls").Value);
        Assert.Equal(Math.Round(tls.HandshakeMs!.Value / 1000, 9), samples.One("conndiag_tls_handshake_seconds", "kind=tls").Value);

        // Clock: the measured offset, in seconds.
        Assert.Equal(Math.Round(clock.OffsetMs!.Value / 1000, 9), samples.One("conndiag_clock_offset_seconds", "kind=clock").Value);
        Assert.Equal(Math.Round((healthy.StartedAt - DateTimeOffset.UnixEpoch).TotalSeconds, 3),
            samples.One("conndiag_probe_timestamp_seconds", "target=" + healthyUrl).Value);
    }

    [LinuxFact("promtool")]
    public async Task A_later_result_for_the_same_target_replaces_the_earlier_one()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = new TcpProbeOptions(TimeSpan.FromSeconds(5));
        var open = await new TcpProbe().ProbeAsync(new Target("127.0.0.1", port), options);
        listener.Stop();
        var closedNow = await new TcpProbe().ProbeAsync(new Target("127.0.0.1", port), options);
        Assert.True(open.Succeeded);
        Assert.False(closedNow.Succeeded);

        var converter = new PrometheusConverter();
        Assert.Empty(converter.Add(ConnDiagJson.ToElement(open)));
        Assert.Empty(converter.Add(ConnDiagJson.ToElement(closedNow)));
        var samples = Exposition.Check(converter.ToText());

        Assert.Equal(1, converter.Replaced);
        Assert.Equal(0, samples.One("conndiag_probe_success", "kind=tcp").Value);
        Assert.Equal(0, samples.One("conndiag_tcp_port_open", "kind=tcp").Value);
        Assert.Equal(1, samples.One("conndiag_findings", "code=TCP.REFUSED").Value);

        // The other order: the open result is the latest, and no finding of the refused one is left behind.
        var reversed = Exposition.Check(PrometheusConverter.Convert([ConnDiagJson.ToElement(closedNow), ConnDiagJson.ToElement(open)]));
        Assert.Equal(1, reversed.One("conndiag_probe_success", "kind=tcp").Value);
        Assert.Empty(reversed.Named("conndiag_findings"));
    }

    [LinuxFact("promtool")]
    public async Task A_hostile_target_is_escaped_and_reads_back_as_written_and_secrets_in_it_are_masked()
    {
        using var closed = new ClosedPort(IPAddress.Loopback);
        var real = await new TcpProbe().ProbeAsync(new Target("127.0.0.1", closed.Port), new TcpProbeOptions(TimeSpan.FromSeconds(5)));
        const string Hostile = "evil\"} conndiag_probe_success 1\n# TYPE x counter\\ \u0007end";
        var edited = Edit(ConnDiagJson.ToElement(real), "targetName", Hostile);
        var withSecret = Edit(ConnDiagJson.ToElement(real), "targetName", "sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAbcd1");

        var withPassword = Edit(ConnDiagJson.ToElement(real), "targetName", "https://ops:hunter2-proxy-pass@proxy.test/?api_key=abcdef0123456789");

        var text = PrometheusConverter.Convert([edited, withSecret, withPassword]);
        var samples = Exposition.Check(text);

        var targets = samples.Named("conndiag_probe_success").Select(s => s["target"]).ToList();
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("abcdef0123456789", text);
        // What can be shown stays: the user name, the host, which parameter held the secret.
        Assert.Contains(targets, t => t.Contains("https://ops:****@proxy.test/?api_key=…", StringComparison.Ordinal));
        // Quote, backslash and line feed survive the round trip; the bell (no escape exists for it) became a space.
        Assert.Contains($"evil\"}} conndiag_probe_success 1\n# TYPE x counter\\  end:{closed.Port}", targets);
        Assert.Equal(3, targets.Count);
        Assert.DoesNotContain("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAbcd1", text);
        Assert.Contains(targets, t => t.StartsWith("sk-ant-…", StringComparison.Ordinal));
        Assert.Equal(3, samples.Named("conndiag_tcp_port_open").Count);
    }

    private static JsonElement Edit(JsonElement element, string property, string value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(element.GetRawText())!;
        node[property] = value;
        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }
}
