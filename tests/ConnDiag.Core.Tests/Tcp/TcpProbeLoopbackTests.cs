using System.Net;
using System.Net.Sockets;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Dns;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Core.Tests.Tcp;

/// <summary>Open and closed ports on loopback, and the resolve-step outcomes. No root needed.</summary>
public sealed class TcpProbeLoopbackTests
{
    private static readonly TcpProbeOptions Options = new(TimeSpan.FromSeconds(5));

    public static TheoryData<string> Loopbacks => new() { "127.0.0.1", "::1" };

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task A_listening_port_is_open(string address)
    {
        using var listener = new LoopbackListener(IPAddress.Parse(address));

        var result = await new TcpProbe().ProbeAsync(new Target(address, listener.Port), Options);

        Assert.Equal(TcpTargetStatus.Open, result.Status);
        Assert.True(result.Succeeded);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(TcpPortState.Open, attempt.State);
        Assert.Equal(IPAddress.Parse(address), attempt.RemoteAddress);
        Assert.Null(attempt.SocketError);
        Assert.Empty(result.Findings);
    }

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task A_port_nobody_listens_on_is_refused(string address)
    {
        using var closed = new ClosedPort(IPAddress.Parse(address));

        var result = await new TcpProbe().ProbeAsync(new Target(address, closed.Port), Options);

        Assert.Equal(TcpTargetStatus.Failed, result.Status);
        Assert.False(result.Succeeded);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(TcpPortState.Closed, attempt.State);
        Assert.Equal(SocketError.ConnectionRefused, attempt.SocketError);
        // A RST carries no ICMP report.
        Assert.Null(attempt.IcmpSource);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.TcpRefused, finding.Code);
        Assert.Contains(attempt.Endpoint, finding.Summary);
    }

    [Fact]
    public async Task An_IPv4_literal_has_no_IPv6_address()
    {
        var result = await new TcpProbe().ProbeAsync(new Target("127.0.0.1", 9), Options with { Family = AddressFamilyFilter.IPv6 });

        Assert.Equal(TcpTargetStatus.Unresolved, result.Status);
        Assert.Empty(result.Attempts);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.DnsNoAddress, finding.Code);
        Assert.Equal("127.0.0.1 has no IPv6 address.", finding.Summary);
    }

    [Fact]
    public async Task The_family_filter_keeps_only_the_wanted_addresses()
    {
        using var v4 = new LoopbackListener(IPAddress.Loopback);
        var resolver = new FixedResolver("dual.test", IPAddress.IPv6Loopback, IPAddress.Loopback);

        var result = await new TcpProbe(resolver).ProbeAsync(new Target("dual.test", v4.Port), Options with { Family = AddressFamilyFilter.IPv4 });

        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(IPAddress.Loopback, attempt.RemoteAddress);
        Assert.Equal(TcpTargetStatus.Open, result.Status);
    }

    [Fact]
    public async Task A_resolver_answer_without_addresses_is_no_address_without_naming_a_family()
    {
        var result = await new TcpProbe(new FixedResolver("empty.test")).ProbeAsync(new Target("empty.test", 443), Options);

        Assert.Equal(TcpTargetStatus.Unresolved, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.DnsNoAddress, finding.Code);
        Assert.Equal("empty.test has no address.", finding.Summary);
    }

    [Fact]
    public async Task A_failed_lookup_is_reported_with_the_resolver_error()
    {
        var result = await new TcpProbe(new FixedResolver("known.test", IPAddress.Loopback)).ProbeAsync(new Target("other.test", 443), Options);

        Assert.Equal(TcpTargetStatus.Unresolved, result.Status);
        Assert.Empty(result.Attempts);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.DnsLookupFailed, finding.Code);
        Assert.Contains("other.test is not in the test table", finding.Summary);
    }
}
