using System.Net;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Dns.Configuration;
using ConnDiag.Dns.Stage;
using ConnDiag.Dns.Transport;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Dns.Stage;

/// <summary>
/// The DNS stage against local dnsmasq instances only (never a real resolver): configurations are read from test
/// files by the real reader, and the "system" servers are pointed at dnsmasq's high loopback port.
/// </summary>
public sealed class DnsStageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-dnsstage-").FullName;
    private readonly List<IDisposable> _servers = [];

    public void Dispose()
    {
        foreach (var s in _servers) s.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private DnsmasqServer Dnsmasq(params string[] zone)
    {
        var server = DnsmasqServer.Start(zone.Length == 0 ? null : zone);
        _servers.Add(server);
        return server;
    }

    private async Task<ResolverConfiguration> ConfigAsync(string resolvConf, string hosts = "127.0.0.1 localhost\n")
    {
        var r = Path.Combine(_dir, "resolv.conf");
        var h = Path.Combine(_dir, "hosts");
        var n = Path.Combine(_dir, "nsswitch.conf");
        await File.WriteAllTextAsync(r, resolvConf);
        await File.WriteAllTextAsync(h, hosts);
        await File.WriteAllTextAsync(n, "hosts: files dns\n");
        return await new ResolverConfigurationReader(ResolverConfigurationSources.ForCurrentSystem().WithFiles(r, h, n)).ReadAsync();
    }

    private const string Plain = "nameserver 127.0.0.1\noptions timeout:2 attempts:1\n";

    private static IReadOnlyList<string> Codes(StageResult r) => r.Findings.Select(f => f.Code).ToList();

    [LinuxFact("dnsmasq")]
    public async Task A_name_that_resolves_everywhere_alike_passes_with_the_answers_as_evidence()
    {
        var dns = Dnsmasq();
        var stage = new DnsStage(await ConfigAsync(Plain), new DnsStageOptions { SystemServers = [dns.Udp] });

        var r = await stage.RunAsync("v4.claude.test");

        Assert.True(r.Outcome == Outcome.Pass, string.Join("; ", r.Findings.Select(f => f.Code + " " + f.Summary)));
        Assert.Equal(Layer.Dns, r.Layer);
        var evidence = Assert.IsType<DnsStageEvidence>(r.Evidence);
        // v4.claude.test has its own A record; its AAAA comes from the zone-wide ::1.
        Assert.Equal(["127.0.0.3", "::1"], evidence.AddressSets["system"].Select(a => a.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains(evidence.Answers, a => a.Transport == DnsTransport.Tcp && a.ResponseCode is not null);
    }

    [LinuxFact("dnsmasq")]
    public async Task Two_servers_with_different_answers_are_RESOLVERS_DISAGREE_naming_each_set()
    {
        var first = Dnsmasq("host-record=app.claude.test,127.0.0.2");
        var second = Dnsmasq("host-record=app.claude.test,127.0.0.3");
        var stage = new DnsStage(await ConfigAsync(Plain), new DnsStageOptions { SystemServers = [first.Udp], ExtraServers = [second.Udp] });

        var r = await stage.RunAsync("app.claude.test");

        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.DnsResolversDisagree);
        Assert.Contains("system: {127.0.0.2}", f.Evidence);
        Assert.Contains($"{second.Udp.Text}: {{127.0.0.3}}", f.Evidence);
    }

    [LinuxFact("dnsmasq")]
    public async Task The_same_set_in_another_order_is_not_a_disagreement()
    {
        var first = Dnsmasq("host-record=app.claude.test,127.0.0.2,::2");
        var second = Dnsmasq("host-record=app.claude.test,127.0.0.2,::2");
        var stage = new DnsStage(await ConfigAsync(Plain), new DnsStageOptions { SystemServers = [first.Udp], ExtraServers = [second.Tcp] });

        var r = await stage.RunAsync("app.claude.test");

        Assert.DoesNotContain(FindingCodes.DnsResolversDisagree, Codes(r));
        Assert.Equal(2, Assert.IsType<DnsStageEvidence>(r.Evidence).AddressSets.Count);
    }

    [LinuxFact("dnsmasq")]
    public async Task An_address_outside_the_published_ranges_is_UNEXPECTED_ADDRESS()
    {
        // Served by the local dnsmasq: no real resolver is asked.
        var dns = Dnsmasq("address=/api.anthropic.com/127.0.0.1");
        var stage = new DnsStage(await ConfigAsync(Plain), new DnsStageOptions { SystemServers = [dns.Udp] });

        var r = await stage.RunAsync("api.anthropic.com");

        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.DnsUnexpectedAddress);
        Assert.Contains("127.0.0.1 (system)", f.Summary);
        Assert.Contains("160.79.104.0/23", f.Evidence);
        Assert.Equal(Outcome.Fail, r.Outcome);
    }

    [LinuxFact("dnsmasq")]
    public async Task A_hosts_file_entry_is_HOSTS_OVERRIDE_and_is_checked_against_the_published_ranges()
    {
        var dns = Dnsmasq("address=/api.anthropic.com/160.79.104.10");
        var stage = new DnsStage(await ConfigAsync(Plain, "127.0.0.1 localhost\n10.9.8.7 api.anthropic.com\n"), new DnsStageOptions { SystemServers = [dns.Udp] });

        var r = await stage.RunAsync("api.anthropic.com");

        Assert.Contains(FindingCodes.DnsHostsOverride, Codes(r));
        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.DnsUnexpectedAddress);
        Assert.Contains("10.9.8.7 (hosts file)", f.Summary);
    }

    [LinuxFact("dnsmasq")]
    public async Task Failing_search_candidates_before_the_answer_are_SEARCH_SLOW()
    {
        var dns = Dnsmasq();
        var config = await ConfigAsync("nameserver 127.0.0.1\nsearch local.test claude.test\noptions timeout:2 attempts:1\n");
        // A zero threshold makes the rule visible without depending on how long NXDOMAIN takes here.
        var stage = new DnsStage(config, new DnsStageOptions { SystemServers = [dns.Udp], SearchSlowThreshold = TimeSpan.Zero });

        var r = await stage.RunAsync("nothere");

        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.DnsSearchSlow);
        Assert.StartsWith("nothere was answered as nothere.claude.test only after 1 failing search-list name", f.Summary);
        Assert.Equal(["nothere.local.test", "nothere.claude.test"], Assert.IsType<DnsStageEvidence>(r.Evidence).CandidatesTried);
        Assert.DoesNotContain(FindingCodes.DnsNxDomain, Codes(r));
    }

    [LinuxFact("dnsmasq")]
    public async Task A_name_found_nowhere_is_NXDOMAIN()
    {
        var dns = Dnsmasq();
        var stage = new DnsStage(await ConfigAsync(Plain), new DnsStageOptions { SystemServers = [dns.Udp] });

        var r = await stage.RunAsync("nope.local.test");

        Assert.Contains(FindingCodes.DnsNxDomain, Codes(r));
        Assert.Equal(Outcome.Fail, r.Outcome);
    }

    [LinuxFact("dnsmasq")]
    public async Task UDP_answering_while_TCP_fails_is_TRUNCATED_TCP_BLOCKED()
    {
        var dns = Dnsmasq();
        using var relay = new UdpOnlyRelay(dns.EndPoint);
        var stage = new DnsStage(await ConfigAsync(Plain), new DnsStageOptions { SystemServers = [relay.Server] });

        var r = await stage.RunAsync("v4.claude.test");

        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.DnsTruncatedTcpBlocked);
        Assert.Contains("answers over UDP but not over TCP", f.Summary);
    }

    [Fact]
    public async Task No_configured_server_is_DNS_NO_SERVERS()
    {
        var stage = new DnsStage(await ConfigAsync("search claude.test\n"));

        var r = await stage.RunAsync("anything");

        Assert.Contains(FindingCodes.DnsNoServers, Codes(r));
        Assert.Equal(Outcome.Fail, r.Outcome);
    }
}
