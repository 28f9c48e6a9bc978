using System.Net;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Dns;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Transport;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Core.Tests.Dns.Client;

/// <summary>The engine's resolve step through ConnDiag's own client, against dnsmasq, named and a silent server.</summary>
public sealed class AddressResolverTests(DnsmasqFixture fixture) : IClassFixture<DnsmasqFixture>
{
    private static readonly DnsQueryOptions Fast = new() { Timeout = TimeSpan.FromSeconds(2), Retries = 0 };
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private DnsServerAddressResolver Resolver(params DnsServer[] servers) => new(servers, Fast);

    [LinuxFact("dnsmasq")]
    public async Task A_and_AAAA_are_both_returned_IPv6_first()
    {
        var r = await Resolver(fixture.Server.Udp).ResolveAsync("host.claude.test", Budget, default);

        Assert.True(r.Succeeded, r.Error);
        Assert.Equal([IPAddress.Parse("::2"), IPAddress.Parse("127.0.0.2")], r.Addresses);
        Assert.Equal($"127.0.0.1:{fixture.Server.Port}", r.Source);
        Assert.True(r.DurationMs > 0);
    }

    [LinuxFact("dnsmasq")]
    public async Task A_CNAME_chain_is_followed_to_the_addresses()
    {
        var r = await Resolver(fixture.Server.Udp).ResolveAsync("alias2.claude.test", Budget, default);

        Assert.Equal([IPAddress.Parse("::2"), IPAddress.Parse("127.0.0.2")], r.Addresses);
    }

    [LinuxFact("dnsmasq")]
    public async Task A_name_with_only_an_IPv4_address_resolves_to_it()
    {
        var r = await Resolver(fixture.Server.Udp).ResolveAsync("v4only.local.test", Budget, default);

        Assert.Equal([IPAddress.Parse("127.0.0.10")], r.Addresses);
    }

    [LinuxFact("dnsmasq")]
    public async Task NXDOMAIN_is_a_clear_error()
    {
        var r = await Resolver(fixture.Server.Udp).ResolveAsync("nope.local.test", Budget, default);

        Assert.False(r.Succeeded);
        Assert.Empty(r.Addresses);
        Assert.StartsWith($"NXDOMAIN from 127.0.0.1:{fixture.Server.Port}: nope.local.test. does not exist", r.Error);
    }

    [LinuxFact("dnsmasq")]
    public async Task REFUSED_is_a_clear_error()
    {
        var r = await Resolver(fixture.Server.Udp).ResolveAsync("example.com", Budget, default);

        Assert.StartsWith($"REFUSED by 127.0.0.1:{fixture.Server.Port}", r.Error);
    }

    [LinuxFact("named")]
    public async Task SERVFAIL_is_a_clear_error()
    {
        using var named = NamedServer.Start();

        var r = await Resolver(named.Udp).ResolveAsync("x.broken.test", Budget, default);

        Assert.StartsWith($"SERVFAIL from 127.0.0.1:{named.Port}: the server failed to resolve x.broken.test.", r.Error);
    }

    [Fact]
    public async Task A_silent_server_is_a_timeout_error()
    {
        using var silent = new HostileUdpResponder((_, _) => []);

        var r = await new DnsServerAddressResolver([silent.Server], Fast with { Timeout = TimeSpan.FromMilliseconds(300) })
            .ResolveAsync("claude.test", Budget, default);

        Assert.False(r.Succeeded);
        Assert.StartsWith($"timeout: no answer from 127.0.0.1:{silent.Port}", r.Error);
    }

    [LinuxFact("dnsmasq")]
    public async Task A_failing_first_server_moves_on_to_the_next()
    {
        using var silent = new HostileUdpResponder((_, _) => []);
        var resolver = new DnsServerAddressResolver([silent.Server, fixture.Server.Udp], Fast with { Timeout = TimeSpan.FromMilliseconds(300) });

        var r = await resolver.ResolveAsync("host.claude.test", Budget, default);

        Assert.True(r.Succeeded, r.Error);
        Assert.Equal(2, r.Addresses.Count);
        Assert.Equal(2, silent.Queries); // A and AAAA, once each
    }

    [Fact]
    public async Task IP_literals_are_not_looked_up()
    {
        var r = await new DnsServerAddressResolver([DnsServer.Udp(IPAddress.Loopback, 9)]).ResolveAsync("::1", Budget, default);

        Assert.Equal([IPAddress.IPv6Loopback], r.Addresses);
        Assert.Equal("literal", r.Source);
    }

    [Fact]
    public async Task A_name_that_is_not_a_DNS_name_fails_without_a_query()
    {
        var r = await new DnsServerAddressResolver([DnsServer.Udp(IPAddress.Loopback, 9)]).ResolveAsync("a..b", Budget, default);

        Assert.Contains("empty label", r.Error);
    }

    [LinuxFact("dnsmasq")]
    public async Task The_TCP_probe_resolves_through_it_and_connects_to_the_answer()
    {
        using var listener = new LoopbackListener(IPAddress.Loopback);
        var probe = new TcpProbe(Resolver(fixture.Server.Udp));

        var open = await probe.ProbeAsync(new Target("claude.test", listener.Port), new TcpProbeOptions(TimeSpan.FromSeconds(2), AddressFamilyFilter.IPv4));
        var missing = await probe.ProbeAsync(new Target("nope.local.test", listener.Port), new TcpProbeOptions(TimeSpan.FromSeconds(2)));

        Assert.Equal(TcpTargetStatus.Open, open.Status);
        Assert.Equal(IPAddress.Loopback, Assert.Single(open.Attempts).RemoteAddress);
        Assert.Equal(TcpTargetStatus.Unresolved, missing.Status);
        var f = Assert.Single(missing.Findings);
        // The resolver knows the response code, so the probe reports it rather than DNS.LOOKUP_FAILED.
        Assert.Equal(FindingCodes.DnsNxDomain, f.Code);
        Assert.Contains("NXDOMAIN", f.Evidence);
    }
}
