using System.Net;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Dns.Configuration;
using ConnDiag.Dns.Stage;
using ConnDiag.Model;
using Microsoft.AspNetCore.Builder;

namespace ConnDiag.Core.Tests.Diagnosis;

/// <summary>
/// The pipeline for names, with the DNS stage asking a local dnsmasq only (a test resolver configuration, never the
/// machine's servers): the TCP and HTTP stages use the address DNS found.
/// </summary>
public sealed class DnsPipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-diagnosis-").FullName;

    // local= makes dnsmasq answer the zone itself: NODATA for the missing AAAA, NXDOMAIN for other names.
    private static readonly string[] Zone = ["local=/claude.test/", "host-record=app.claude.test,127.0.0.1"];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<EndpointDiagnosisOptions> OptionsAsync(DnsmasqServer dns)
    {
        var r = Path.Combine(_dir, "resolv.conf");
        var h = Path.Combine(_dir, "hosts");
        var n = Path.Combine(_dir, "nsswitch.conf");
        await File.WriteAllTextAsync(r, "nameserver 127.0.0.1\noptions timeout:2 attempts:1\n");
        await File.WriteAllTextAsync(h, "127.0.0.1 localhost\n");
        await File.WriteAllTextAsync(n, "hosts: files dns\n");
        var config = await new ResolverConfigurationReader(ResolverConfigurationSources.ForCurrentSystem().WithFiles(r, h, n)).ReadAsync();
        return EndpointDiagnoserTests.Options() with
        {
            ResolverConfiguration = config,
            Dns = new DnsStageOptions { SystemServers = [dns.Udp] },
        };
    }

    [LinuxFact("dnsmasq")]
    public async Task A_name_is_resolved_by_the_dns_stage_and_later_stages_use_that_address()
    {
        using var dns = DnsmasqServer.Start(Zone);
        await using var server = await TestWebServer.StartAsync(app => app.MapGet("/", () => "hello"));

        var r = await new EndpointDiagnoser().DiagnoseAsync($"http://app.claude.test:{server.Port}/", await OptionsAsync(dns));

        Assert.True(r.Outcome == Outcome.Pass, string.Join("\n", r.Findings));
        Assert.Equal(Outcome.Pass, r.StageNamed("dns")!.Outcome);
        var tcp = Assert.IsType<ConnDiag.Tcp.TcpPortResult>(r.StageNamed("tcp")!.Evidence);
        Assert.Equal([IPAddress.Loopback], tcp.Addresses);
        var request = Assert.Single(server.Received);
        Assert.Contains(request.Headers, h => h.Key == "Host" && h.Value == $"app.claude.test:{server.Port}");
    }

    [LinuxFact("dnsmasq")]
    public async Task A_name_that_does_not_resolve_fails_at_dns_and_skips_the_rest_naming_dns()
    {
        using var dns = DnsmasqServer.Start(Zone);

        var r = await new EndpointDiagnoser().DiagnoseAsync("https://missing.claude.test/", await OptionsAsync(dns));

        Assert.Equal("dns", r.FailedStage);
        Assert.All(r.Stages.Skip(2), s => Assert.Equal((Outcome.Skipped, "skipped: the dns stage failed"), (s.Outcome, s.Summary)));
        Assert.Contains(r.Findings, f => f.Code.StartsWith("DNS.", StringComparison.Ordinal));
    }
}
