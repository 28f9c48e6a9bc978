using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Ports;
using ConnDiag.Tcp;

namespace ConnDiag.Core.Tests.Ports;

/// <summary>Refused connects to this machine explained by the real listener table, through the TCP probe.</summary>
public class LocalFindingsEndToEndTests : IClassFixture<LocalInterfaceAddress>
{
    private static readonly TcpProbeOptions Options = new(TimeSpan.FromSeconds(3));
    private readonly LocalInterfaceAddress _interface;

    public LocalFindingsEndToEndTests(LocalInterfaceAddress address) => _interface = address;

    private static Task<TcpPortResult> ProbeAsync(string host, int port) =>
        new TcpProbe(owners: PortOwnerFinder.ForCurrentPlatform()).ProbeAsync(new Target(host, port), Options);

    private static Finding Local(TcpPortResult result)
    {
        Assert.Equal(TcpTargetStatus.Failed, result.Status);
        Assert.Contains(result.Findings, f => f.Code == FindingCodes.TcpRefused);
        return Assert.Single(result.Findings, f => f.Layer == Layer.Local);
    }

    [LinuxFact]
    public async Task Refused_port_that_nobody_owns_is_not_listening()
    {
        var port = TestSockets.FreePort();

        var finding = Local(await ProbeAsync("127.0.0.1", port));

        Assert.Equal(FindingCodes.LocalNotListening, finding.Code);
        Assert.Contains($"TCP port {port}", finding.Summary);
    }

    [LinuxFact]
    public async Task Ipv6_only_listener_reached_over_ipv4_is_wrong_family()
    {
        using var listener = TestSockets.Listen(IPAddress.IPv6Loopback);
        var port = TestSockets.PortOf(listener);

        var finding = Local(await ProbeAsync("127.0.0.1", port));

        Assert.Equal(FindingCodes.LocalWrongFamily, finding.Code);
        Assert.Contains("IPv6 only", finding.Summary);
        Assert.Contains($"(PID {Environment.ProcessId}) listens on [::1]:{port}", finding.Summary);
        Assert.StartsWith($"Connect to [::1]:{port} ", finding.Remedy);
    }

    [LinuxFact]
    public async Task Localhost_reaching_an_ipv6_only_listener_on_one_address_warns_wrong_family()
    {
        using var listener = TestSockets.Listen(IPAddress.IPv6Loopback);
        var port = TestSockets.PortOf(listener);
        // localhost as most systems resolve it: both loopbacks (this machine's hosts file has only 127.0.0.1).
        var resolver = new ConnDiag.Core.Tests.Tcp.Support.FixedResolver("localhost", IPAddress.IPv6Loopback, IPAddress.Loopback);
        var probe = new TcpProbe(resolver, owners: PortOwnerFinder.ForCurrentPlatform());

        var result = await probe.ProbeAsync(new Target("localhost", port), Options);

        Assert.Equal(TcpTargetStatus.Partial, result.Status);
        var local = Assert.Single(result.Findings, f => f.Layer == Layer.Local);
        Assert.Equal(FindingCodes.LocalWrongFamily, local.Code);
        Assert.Contains("127.0.0.1", local.Summary);
        // Another address works, so the explanation is a warning like the PARTIAL it explains.
        Assert.Equal(Severity.Warning, local.Severity);
        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error);
    }

    [LinuxFact]
    public async Task Ipv4_only_listener_reached_over_ipv6_is_wrong_family()
    {
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        var port = TestSockets.PortOf(listener);

        var finding = Local(await ProbeAsync("::1", port));

        Assert.Equal(FindingCodes.LocalWrongFamily, finding.Code);
        Assert.Contains("IPv4 only", finding.Summary);
        Assert.Contains($"listens on 127.0.0.1:{port}", finding.Summary);
    }

    [LinuxFact]
    public async Task V6only_wildcard_listener_reached_over_ipv4_is_wrong_family()
    {
        using var listener = TestSockets.Listen(IPAddress.IPv6Any, dualMode: false);
        var port = TestSockets.PortOf(listener);

        var finding = Local(await ProbeAsync("127.0.0.1", port));

        Assert.Equal(FindingCodes.LocalWrongFamily, finding.Code);
        Assert.Contains($"listens on [::]:{port}", finding.Summary);
    }

    [LinuxRootFact("ip")]
    public async Task Loopback_listener_reached_through_an_interface_address_is_loopback_only()
    {
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        var port = TestSockets.PortOf(listener);
        var address = _interface.Address.ToString();

        var finding = Local(await ProbeAsync(address, port));

        Assert.Equal(FindingCodes.LocalLoopbackOnly, finding.Code);
        Assert.Contains($"{address}:{port} was refused", finding.Summary);
        Assert.Contains($"listens on 127.0.0.1:{port}", finding.Summary);
    }

    [LinuxRootFact("ip")]
    public async Task Listener_on_the_interface_address_has_specific_scope_and_is_reachable()
    {
        using var listener = TestSockets.Listen(_interface.Address);
        var port = TestSockets.PortOf(listener);

        var owner = Assert.Single(await PortOwnerFinder.FindAsync(PortOwnerQuery.Listeners(port)));
        var result = await ProbeAsync(_interface.Address.ToString(), port);

        Assert.Equal((BindScope.Specific, _interface.Address), (owner.BindScope, owner.LocalAddress));
        Assert.Equal(TcpTargetStatus.Open, result.Status);
        Assert.Empty(result.Findings);
    }
}
