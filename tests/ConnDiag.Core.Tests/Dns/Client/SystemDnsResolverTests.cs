using System.Net;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Dns;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Configuration;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Core.Tests.Dns.Client;

/// <summary>
/// Resolving like the C library with ConnDiag's client: configurations read from test files by the real reader,
/// the servers redirected to dnsmasq's high loopback port (a configuration can only name port 53).
/// </summary>
public sealed class SystemDnsResolverTests(DnsmasqFixture fixture) : IClassFixture<DnsmasqFixture>, IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-sysdns-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<ResolverConfiguration> ConfigAsync(string resolvConf, string hosts = "127.0.0.1 localhost\n", string nsswitch = "hosts: files dns\n")
    {
        var r = Path.Combine(_dir, "resolv.conf");
        var h = Path.Combine(_dir, "hosts");
        var n = Path.Combine(_dir, "nsswitch.conf");
        await File.WriteAllTextAsync(r, resolvConf);
        await File.WriteAllTextAsync(h, hosts);
        await File.WriteAllTextAsync(n, nsswitch);
        return await new ResolverConfigurationReader(ResolverConfigurationSources.ForCurrentSystem().WithFiles(r, h, n)).ReadAsync();
    }

    private SystemDnsResolver Resolver(ResolverConfiguration config) => new(config, [fixture.Server.Udp]);

    [LinuxFact("dnsmasq")]
    public async Task The_hosts_file_answers_first_when_files_come_before_dns_and_the_line_is_named()
    {
        var config = await ConfigAsync("nameserver 127.0.0.1\noptions timeout:2 attempts:1\n", "127.0.0.1 localhost\n127.0.0.99 host.claude.test\n");

        var r = await Resolver(config).ResolveAsync("host.claude.test", Budget, default);

        Assert.True(r.Succeeded, r.Error);
        Assert.Equal([IPAddress.Parse("127.0.0.99")], r.Addresses);
        Assert.EndsWith("hosts:2", r.Source);
    }

    [LinuxFact("dnsmasq")]
    public async Task With_dns_before_files_the_server_answers()
    {
        var config = await ConfigAsync("nameserver 127.0.0.1\noptions timeout:2 attempts:1\n", "127.0.0.99 host.claude.test\n", "hosts: dns files\n");

        var r = await Resolver(config).ResolveAsync("host.claude.test", Budget, default);

        Assert.Equal([IPAddress.Parse("::2"), IPAddress.Parse("127.0.0.2")], r.Addresses);
        Assert.StartsWith("system configuration", r.Source);
    }

    [LinuxFact("dnsmasq")]
    public async Task A_short_name_walks_the_search_list_past_NXDOMAIN_to_the_first_answer()
    {
        var config = await ConfigAsync("nameserver 127.0.0.1\nsearch local.test claude.test\noptions timeout:2 attempts:1\n");

        var found = await Resolver(config).ResolveAsync("v4only", Budget, default);
        var later = await Resolver(config).ResolveAsync("nothere", Budget, default);

        Assert.Equal([IPAddress.Parse("127.0.0.10")], found.Addresses); // v4only.local.test, the first candidate
        Assert.True(later.Succeeded, later.Error);                          // nothere.local.test is NXDOMAIN ...
        Assert.Contains(IPAddress.Loopback, later.Addresses);               // ... nothere.claude.test answers
    }

    [LinuxFact("dnsmasq")]
    public async Task A_name_found_nowhere_keeps_NXDOMAIN_and_names_the_candidates_tried()
    {
        var config = await ConfigAsync("nameserver 127.0.0.1\nsearch local.test\noptions timeout:2 attempts:1\n");

        var r = await Resolver(config).ResolveAsync("nope.local.test", Budget, default);

        Assert.False(r.Succeeded);
        Assert.Equal(FindingCodes.DnsNxDomain, r.ErrorCode);
        Assert.Contains("tried nope.local.test, nope.local.test.local.test", r.Error);
    }

    [Fact]
    public async Task No_configured_server_is_DNS_NO_SERVERS_and_nothing_is_asked()
    {
        var config = await ConfigAsync("search claude.test\n");

        var r = await new SystemDnsResolver(config).ResolveAsync("anything", Budget, default);

        Assert.False(r.Succeeded);
        Assert.Equal(FindingCodes.DnsNoServers, r.ErrorCode);
    }

    [Fact]
    public async Task A_silent_server_is_DNS_TIMEOUT_and_the_search_list_stops_there()
    {
        using var silent = new HostileUdpResponder((_, _) => []);
        var config = await ConfigAsync("nameserver 127.0.0.1\nsearch one.test two.test\noptions timeout:1 attempts:1\n");

        var r = await new SystemDnsResolver(config, [silent.Server]).ResolveAsync("short", Budget, default);

        Assert.Equal(FindingCodes.DnsTimeout, r.ErrorCode);
        Assert.Equal(2, silent.Queries); // A and AAAA of short.one.test only, like glibc after a timeout
    }

    [LinuxFact("dnsmasq")]
    public async Task The_TCP_probe_reports_the_precise_code()
    {
        using var listener = new LoopbackListener(IPAddress.Loopback);
        var config = await ConfigAsync("nameserver 127.0.0.1\noptions timeout:2 attempts:1\n");
        var probe = new TcpProbe(Resolver(config));

        var open = await probe.ProbeAsync(new Target("x.claude.test", listener.Port), new TcpProbeOptions(TimeSpan.FromSeconds(3), AddressFamilyFilter.IPv4));
        var missing = await probe.ProbeAsync(new Target("nope.local.test", listener.Port), new TcpProbeOptions(TimeSpan.FromSeconds(3)));

        Assert.Equal(TcpTargetStatus.Open, open.Status);
        Assert.Equal(IPAddress.Loopback, Assert.Single(open.Attempts).RemoteAddress);
        Assert.Equal(FindingCodes.DnsNxDomain, Assert.Single(missing.Findings).Code);
    }
}
