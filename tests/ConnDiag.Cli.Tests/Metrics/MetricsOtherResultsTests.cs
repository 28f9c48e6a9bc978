using ConnDiag.Cli.Tests.Claude;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Claude.Status.Support;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Monitoring.Prometheus;

namespace ConnDiag.Cli.Tests.Metrics;

/// <summary>
/// The other result kinds, each from a real conndiag process against its loopback fixture (dnsmasq, the
/// Statuspage fixture, the fake Anthropic API), concatenated as a shell would (`{ a; b; c; } | conndiag metrics`).
/// </summary>
public sealed class MetricsOtherResultsTests(DnsmasqFixture dns) : IClassFixture<DnsmasqFixture>, IAsyncLifetime
{
    private StatuspageFixture _pages = null!;
    private ClaudeCli _claude = null!;

    public async Task InitializeAsync()
    {
        _pages = await StatuspageFixture.StartAsync();
        _claude = await ClaudeCli.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_pages is not null) await _pages.DisposeAsync();
        if (_claude is not null) await _claude.DisposeAsync();
    }

    [LinuxFact("dnsmasq", "promtool")]
    public async Task Dns_status_and_claude_json_concatenated_convert_to_one_valid_exposition()
    {
        var server = dns.Server.Udp.Text;
        var answer = await Conndiag.RunAsync("dns", "nope.local.test", "@" + server, "--json");
        var status = await Conndiag.RunAsync("status", "--url", _pages.Page(StatuspageFixture.Outage), "--json");
        var claude = await _claude.RunAsync(["--key-env", "CANARY_KEY", "--json"]);
        Assert.True(answer.ExitCode == 1, answer.ToString());
        Assert.True(status.ExitCode == 1, status.ToString());
        Assert.True(claude.ExitCode == 0, claude.ToString());

        var run = await Conndiag.RunAsync(["metrics"], answer.Stdout + status.Stdout + claude.Stdout);

        Assert.True(run.ExitCode == 0, run.ToString());
        var samples = Exposition.Check(run.Stdout);
        Assert.Equal(0, samples.One("conndiag_probe_success", "kind=dns", "target=nope.local.test.", "record_type=A", "server=" + server).Value);
        Assert.Equal(1, samples.One("conndiag_dns_status", "kind=dns", "status=NXDOMAIN").Value);
        Assert.Equal(0, samples.One("conndiag_dns_answer_records", "kind=dns").Value);
        Assert.Equal(1, samples.One("conndiag_findings", "kind=dns", "code=DNS.NXDOMAIN").Value);

        Assert.Equal(0, samples.One("conndiag_probe_success", "kind=status").Value);
        Assert.Equal(1, samples.One("conndiag_provider_status_indicator", "kind=status", "indicator=Major").Value);
        Assert.Equal(0, samples.One("conndiag_provider_status_indicator", "kind=status", "indicator=None").Value);
        Assert.True(samples.One("conndiag_provider_unresolved_incidents", "kind=status").Value >= 1);

        Assert.Equal(1, samples.One("conndiag_probe_success", "kind=claude").Value);
        Assert.Equal(1, samples.One("conndiag_stage_outcome", "kind=claude", "stage=auth", "outcome=Pass").Value);
        Assert.Single(samples.Named("conndiag_http_status_code"), s => s["kind"] == "claude");
        Assert.DoesNotContain(ClaudeCli.Key, run.Stdout);
    }
}
