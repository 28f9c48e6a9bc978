using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Core.Tests.Tcp;

/// <summary>
/// A listener on every namespace address, with per-address faults: ::2 drops the SYN, .3 resets it;
/// .2 and ::3 accept. A name resolving to several of them shows what one failing address does to a target.
/// </summary>
public sealed class MultiAddressNamespace : NamespaceFixture
{
    public const int Port = 7001;

    protected override void Configure(NetNamespace ns)
    {
        ns.AddInnerAddress(ns.V4(3));
        ns.AddInnerAddress(ns.V6(3));
        ns.ApplyRules($$"""
            table inet conndiag {
              chain input {
                type filter hook input priority 0; policy accept;
                ip6 daddr {{ns.InnerV6}} tcp dport {{Port}} drop
                ip daddr {{ns.V4(3)}} tcp dport {{Port}} reject with tcp reset
              }
            }
            """);
        ns.StartListener(Port);
    }
}

/// <summary>TCP.PARTIAL and TCP.IPV6_BROKEN from real connects; only the name lookup is a fixed table.</summary>
public sealed class TcpMultiAddressNamespaceTests(MultiAddressNamespace fixture) : IClassFixture<MultiAddressNamespace>
{
    private const string Name = "multi.conndiag.test";
    private static readonly TcpProbeOptions Options = new(TimeSpan.FromSeconds(1));

    private NetNamespace Ns => fixture.Ns;

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task IPv6_dropped_while_IPv4_connects_is_IPv6_broken()
    {
        var result = await ProbeAsync(Ns.InnerV6, Ns.InnerV4);

        Assert.Equal(TcpTargetStatus.Partial, result.Status);
        Assert.True(result.Succeeded);
        Assert.Equal([TcpPortState.Filtered, TcpPortState.Open], result.Attempts.Select(a => a.State));
        // The decisive attempt is the one that worked, even though the resolver listed IPv6 first.
        Assert.Equal(Ns.InnerV4, result.RemoteAddress);
        Assert.Equal(TcpPortState.Open, result.State);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.TcpIpv6Broken, finding.Code);
        Assert.Contains($"{Name}:{MultiAddressNamespace.Port}", finding.Summary);
        Assert.Contains($"[{Ns.InnerV6}]:{MultiAddressNamespace.Port} Filtered", finding.Evidence);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task One_of_two_IPv4_addresses_refusing_is_partial()
    {
        var result = await ProbeAsync(Ns.InnerV4, Ns.V4(3));

        Assert.Equal(TcpTargetStatus.Partial, result.Status);
        Assert.True(result.Succeeded);
        Assert.Equal([TcpPortState.Open, TcpPortState.Closed], result.Attempts.Select(a => a.State));
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.TcpPartial, finding.Code);
        Assert.Contains($"1 of 2 addresses fail ({Ns.V4(3)}:{MultiAddressNamespace.Port})", finding.Summary);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task IPv4_failing_while_IPv6_connects_is_partial_not_IPv6_broken()
    {
        var result = await ProbeAsync(Ns.V6(3), Ns.V4(3));

        Assert.Equal(TcpTargetStatus.Partial, result.Status);
        Assert.True(result.Succeeded);
        Assert.Equal(FindingCodes.TcpPartial, Assert.Single(result.Findings).Code);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task Every_address_failing_is_failed_with_one_finding_per_address()
    {
        var result = await ProbeAsync(Ns.InnerV6, Ns.V4(3));

        Assert.Equal(TcpTargetStatus.Failed, result.Status);
        Assert.False(result.Succeeded);
        Assert.Equal([FindingCodes.TcpFiltered, FindingCodes.TcpRefused], result.Findings.Select(f => f.Code));
        Assert.Contains($"({Name})", result.Findings[0].Summary);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task Every_address_working_is_open()
    {
        var result = await ProbeAsync(Ns.InnerV4, Ns.V6(3));

        Assert.Equal(TcpTargetStatus.Open, result.Status);
        Assert.All(result.Attempts, a => Assert.Equal(TcpPortState.Open, a.State));
        Assert.Empty(result.Findings);
    }

    private static Task<TcpPortResult> ProbeAsync(params IPAddress[] addresses) =>
        new TcpProbe(new FixedResolver(Name, addresses)).ProbeAsync(new Target(Name, MultiAddressNamespace.Port), Options);
}
