using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;
using static ConnDiag.Core.Tests.Http.Support.ProbeHelpers;

namespace ConnDiag.Core.Tests.Http;

/// <summary>
/// Slowness is judged on the duration the probe itself reports; the tests check the classification against
/// that reported value (never against a wall-clock expectation), and the phases' published boundaries.
/// </summary>
public class TimingTests(BodyServer fixture) : IClassFixture<BodyServer>
{
    private readonly TestWebServer _server = fixture.Server;

    [Theory]
    [InlineData(50, 60_000, Severity.Warning)]
    [InlineData(50, 100, Severity.Error)]
    public async Task A_slow_answer_is_SLOW_with_the_severity_its_measured_duration_earns(double warnMs, double criticalMs, Severity expected)
    {
        // The server waits 300 ms before answering, far beyond both low thresholds.
        var result = await ProbeAsync(_server.Url("/slow?ms=300"), Fast with { WarnMs = warnMs, CriticalMs = criticalMs });

        var measured = result.Attempts[^1].DurationMs;
        var f = Single(result, FindingCodes.HttpSlow);
        Assert.Equal(measured >= criticalMs ? Severity.Error : Severity.Warning, f.Severity);
        Assert.Equal(expected, f.Severity);
        Assert.Contains("ttfb", f.Evidence);
    }

    [Fact]
    public async Task Under_the_warning_threshold_there_is_no_SLOW()
    {
        var result = await ProbeAsync(_server.Url("/text"), Fast with { WarnMs = 60_000, CriticalMs = 120_000 });
        Assert.True(result.Attempts[^1].DurationMs < 60_000);
        Assert.DoesNotContain(result.Findings, f => f.Code == FindingCodes.HttpSlow);
    }

    [Fact]
    public async Task Phases_follow_the_published_boundaries()
    {
        var result = await ProbeAsync(_server.Url("/slow?ms=300"));
        var p = result.Final.Phases;

        Assert.Equal(0, p.DnsMs);          // an IP literal needs no lookup
        Assert.Equal(0, p.TlsMs);          // http has no TLS
        Assert.NotNull(p.ConnectMs);
        Assert.True(p.TtfbMs > 0);
        Assert.NotNull(p.TransferMs);
        var sum = p.DnsMs!.Value + p.ConnectMs!.Value + p.TlsMs!.Value + p.TtfbMs!.Value + p.TransferMs!.Value;
        Assert.True(p.TotalMs + 0.001 >= sum, $"total {p.TotalMs} is less than the phases' sum {sum}");
        Assert.Null(result.Final.FailedPhase);
    }

    [Fact]
    public async Task A_pinned_name_has_no_DNS_phase_and_keeps_its_Host_header()
    {
        var result = await ProbeAsync(_server.Url(TestCertificates.ExtraName, "/text"), Fast with { ConnectTo = _server.EndPoint });

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(0, result.Final.Phases.DnsMs);
        Assert.Equal("127.0.0.1", result.Final.RemoteAddress?.ToString());
        var received = _server.Received.Last(r => r.Path == "/text");
        Assert.Contains(received.Headers, h => h.Key == "Host" && h.Value == $"{TestCertificates.ExtraName}:{_server.Port}");
    }
}
