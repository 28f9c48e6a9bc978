using System.Net;
using System.Net.Sockets;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Core.Tests.Tcp;

/// <summary>
/// One namespace where each port meets a different nftables verdict, plus a routed network behind it with
/// no route (net unreachable) and a prohibit route (admin prohibited, sent by the namespace as a router).
/// </summary>
public sealed class ClassificationNamespace : NamespaceFixture
{
    public const int OpenPort = 7001;
    public const int DropPort = 7002;
    public const int ResetPort = 7003;
    public const int HostUnreachablePort = 7004;
    public const int AdminProhibitedPort = 7005;
    public const int NoRoutePort = 7006;

    protected override void Configure(NetNamespace ns)
    {
        ns.ApplyRules($$"""
            table inet conndiag {
              chain input {
                type filter hook input priority 0; policy accept;
                tcp dport {{DropPort}} drop
                tcp dport {{ResetPort}} reject with tcp reset
                tcp dport {{HostUnreachablePort}} reject with icmpx type host-unreachable
                meta nfproto ipv4 tcp dport {{AdminProhibitedPort}} reject with icmp type admin-prohibited
                meta nfproto ipv6 tcp dport {{AdminProhibitedPort}} reject with icmpv6 type admin-prohibited
                tcp dport {{NoRoutePort}} reject with icmpx type no-route
              }
            }
            """);
        ns.RouteThrough();
        // Behind the router: the lower half of 198.19.N.0/24 has no route (net unreachable), the upper half a prohibit route.
        ns.Exec("ip", "route", "add", "prohibit", $"198.19.{ns.Slot}.128/25");
        ns.Exec("ip", "-6", "route", "add", "prohibit", $"fd00:198:19:{ns.Slot}:8000::/65");
        ns.StartListener(OpenPort);
    }
}

/// <summary>Each failure class produced by a real fault, checked by attempt state, socket error, ICMP source and finding.</summary>
public sealed class TcpClassificationNamespaceTests(ClassificationNamespace fixture) : IClassFixture<ClassificationNamespace>
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);
    // IPv6 rejects may wait for the first SYN retransmit (~1 s) where the error queue is not used.
    private static readonly TimeSpan Reject = TimeSpan.FromSeconds(3);

    private NetNamespace Ns => fixture.Ns;

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task Open_inside_the_namespace_v4_and_v6()
    {
        foreach (var address in new[] { Ns.InnerV4, Ns.InnerV6 })
        {
            var (result, attempt) = await ProbeAsync(address, ClassificationNamespace.OpenPort, Reject);
            Assert.Equal(TcpTargetStatus.Open, result.Status);
            Assert.Equal(TcpPortState.Open, attempt.State);
            Assert.Empty(result.Findings);
        }
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task A_dropped_SYN_is_filtered_v4() => await AssertFilteredAsync(Ns.InnerV4);

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task A_dropped_SYN_is_filtered_v6() => await AssertFilteredAsync(Ns.InnerV6);

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task A_tcp_reset_is_refused_v4() => await AssertRefusedByResetAsync(Ns.InnerV4);

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task A_tcp_reset_is_refused_v6() => await AssertRefusedByResetAsync(Ns.InnerV6);

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task ICMP_host_unreachable_v4()
    {
        var (result, attempt) = await ProbeAsync(Ns.InnerV4, ClassificationNamespace.HostUnreachablePort, Reject);
        AssertFailure(result, attempt, TcpPortState.HostUnreachable, SocketError.HostUnreachable, FindingCodes.TcpHostUnreachable);
        Assert.Equal(Ns.InnerV4, attempt.IcmpSource);
        Assert.Contains($"ICMP type 3 code 1 from {Ns.InnerV4}", attempt.Detail);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task ICMP_host_unreachable_v6()
    {
        var (result, attempt) = await ProbeAsync(Ns.InnerV6, ClassificationNamespace.HostUnreachablePort, Reject);
        AssertFailure(result, attempt, TcpPortState.HostUnreachable, SocketError.HostUnreachable, FindingCodes.TcpHostUnreachable);
        Assert.Equal(Ns.InnerV6, attempt.IcmpSource);
        Assert.Contains($"ICMPv6 type 1 code 3 from {Ns.InnerV6}", attempt.Detail);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task An_address_nobody_owns_on_the_link_is_host_unreachable_v4()
    {
        // No neighbour answers ARP for .99; the host itself reports the failure (fixture: one probe, 200 ms).
        var (result, attempt) = await ProbeAsync(Ns.V4(99), 80, Reject);
        AssertFailure(result, attempt, TcpPortState.HostUnreachable, SocketError.HostUnreachable, FindingCodes.TcpHostUnreachable);
        Assert.Equal(Ns.HostV4, attempt.IcmpSource);
        Assert.Contains("no ARP/neighbour answer", attempt.Detail);
        Assert.Contains("no ARP/neighbour answer", result.Findings[0].Summary);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task An_address_nobody_owns_on_the_link_is_host_unreachable_v6()
    {
        var (result, attempt) = await ProbeAsync(Ns.V6(99), 80, Reject);
        AssertFailure(result, attempt, TcpPortState.HostUnreachable, SocketError.HostUnreachable, FindingCodes.TcpHostUnreachable);
        Assert.Equal(Ns.HostV6, attempt.IcmpSource);
        Assert.Contains("no ARP/neighbour answer", attempt.Detail);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task ICMP_admin_prohibited_v4_is_told_apart_from_host_unreachable_by_the_error_queue()
    {
        var (result, attempt) = await ProbeAsync(Ns.InnerV4, ClassificationNamespace.AdminProhibitedPort, Reject);
        // errno alone is EHOSTUNREACH, exactly as for a dead host; the ICMP code (13) makes it a firewall.
        AssertFailure(result, attempt, TcpPortState.AdminProhibited, SocketError.HostUnreachable, FindingCodes.TcpAdminProhibited);
        Assert.Equal(Ns.InnerV4, attempt.IcmpSource);
        Assert.Contains($"ICMP type 3 code 13 from {Ns.InnerV4}", attempt.Detail);
        Assert.Contains($"(reported by {Ns.InnerV4} itself)", result.Findings[0].Summary);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task ICMPv6_admin_prohibited_is_access_denied()
    {
        var (result, attempt) = await ProbeAsync(Ns.InnerV6, ClassificationNamespace.AdminProhibitedPort, Reject);
        AssertFailure(result, attempt, TcpPortState.AdminProhibited, SocketError.AccessDenied, FindingCodes.TcpAdminProhibited);
        Assert.Equal(Ns.InnerV6, attempt.IcmpSource);
        Assert.Contains($"ICMPv6 type 1 code 1 from {Ns.InnerV6}", attempt.Detail);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task ICMP_no_route_is_network_unreachable_v4()
    {
        var (result, attempt) = await ProbeAsync(Ns.InnerV4, ClassificationNamespace.NoRoutePort, Reject);
        AssertFailure(result, attempt, TcpPortState.NetworkUnreachable, SocketError.NetworkUnreachable, FindingCodes.TcpNetworkUnreachable);
        Assert.Equal(Ns.InnerV4, attempt.IcmpSource);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task ICMP_no_route_is_network_unreachable_v6()
    {
        var (result, attempt) = await ProbeAsync(Ns.InnerV6, ClassificationNamespace.NoRoutePort, Reject);
        AssertFailure(result, attempt, TcpPortState.NetworkUnreachable, SocketError.NetworkUnreachable, FindingCodes.TcpNetworkUnreachable);
        Assert.Equal(Ns.InnerV6, attempt.IcmpSource);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task A_router_without_a_route_says_network_unreachable_and_is_named_v4()
    {
        var target = Ns.RoutedV4(5);
        var (result, attempt) = await ProbeAsync(target, 80, Reject);
        AssertFailure(result, attempt, TcpPortState.NetworkUnreachable, SocketError.NetworkUnreachable, FindingCodes.TcpNetworkUnreachable);
        // The router on the way answered, not the destination: the finding must say who.
        Assert.Equal(Ns.InnerV4, attempt.IcmpSource);
        Assert.Contains($"ICMP type 3 code 0 from {Ns.InnerV4}", attempt.Detail);
        Assert.Contains($"(reported by {Ns.InnerV4})", result.Findings[0].Summary);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task A_router_without_a_route_says_network_unreachable_and_is_named_v6()
    {
        var (result, attempt) = await ProbeAsync(Ns.RoutedV6("5"), 80, Reject);
        AssertFailure(result, attempt, TcpPortState.NetworkUnreachable, SocketError.NetworkUnreachable, FindingCodes.TcpNetworkUnreachable);
        Assert.Equal(Ns.InnerV6, attempt.IcmpSource);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task A_prohibit_route_on_a_router_is_admin_prohibited_from_that_router_v4()
    {
        var (result, attempt) = await ProbeAsync(Ns.RoutedV4(200), 80, Reject);
        AssertFailure(result, attempt, TcpPortState.AdminProhibited, SocketError.HostUnreachable, FindingCodes.TcpAdminProhibited);
        Assert.Equal(Ns.InnerV4, attempt.IcmpSource);
        Assert.Contains($"(reported by {Ns.InnerV4})", result.Findings[0].Summary);
    }

    [LinuxRootFact("ip", "nft", "socat")]
    public async Task A_prohibit_route_on_a_router_is_admin_prohibited_from_that_router_v6()
    {
        var (result, attempt) = await ProbeAsync(Ns.RoutedV6("8000::5"), 80, Reject);
        AssertFailure(result, attempt, TcpPortState.AdminProhibited, SocketError.AccessDenied, FindingCodes.TcpAdminProhibited);
        Assert.Equal(Ns.InnerV6, attempt.IcmpSource);
    }

    private async Task AssertFilteredAsync(IPAddress address)
    {
        var (result, attempt) = await ProbeAsync(address, ClassificationNamespace.DropPort, Short);
        AssertFailure(result, attempt, TcpPortState.Filtered, null, FindingCodes.TcpFiltered);
        Assert.Null(attempt.IcmpSource);
    }

    private async Task AssertRefusedByResetAsync(IPAddress address)
    {
        var (result, attempt) = await ProbeAsync(address, ClassificationNamespace.ResetPort, Reject);
        AssertFailure(result, attempt, TcpPortState.Closed, SocketError.ConnectionRefused, FindingCodes.TcpRefused);
        Assert.Null(attempt.IcmpSource);
    }

    private static async Task<(TcpPortResult Result, TcpAttempt Attempt)> ProbeAsync(IPAddress address, int port, TimeSpan timeout)
    {
        var result = await new TcpProbe().ProbeAsync(new Target(address.ToString(), port), new TcpProbeOptions(timeout));
        return (result, Assert.Single(result.Attempts));
    }

    private static void AssertFailure(TcpPortResult result, TcpAttempt attempt, TcpPortState state, SocketError? error, string code)
    {
        Assert.True(attempt.State == state, $"expected {state}, got {attempt.State}: {attempt.Detail}");
        Assert.Equal(error, attempt.SocketError);
        Assert.Equal(TcpTargetStatus.Failed, result.Status);
        Assert.False(result.Succeeded);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(code, finding.Code);
        Assert.Contains(attempt.Endpoint, finding.Summary);
    }
}
