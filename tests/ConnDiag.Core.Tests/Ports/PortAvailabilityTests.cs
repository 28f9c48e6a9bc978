using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Ports;

namespace ConnDiag.Core.Tests.Ports;

public class PortAvailabilityTests
{
    private static readonly PortAvailability Check = new();

    [LinuxFact]
    public async Task Taken_port_is_port_in_use_naming_this_process()
    {
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        var port = TestSockets.PortOf(listener);
        using var me = Process.GetCurrentProcess();

        var finding = await Check.CheckAsync(IPAddress.Loopback, port);

        Assert.NotNull(finding);
        Assert.Equal((FindingCodes.LocalPortInUse, Layer.Local, Severity.Error), (finding.Code, finding.Layer, finding.Severity));
        Assert.Equal($"127.0.0.1:{port} is already in use: {me.ProcessName} (PID {Environment.ProcessId}) already listens on 127.0.0.1:{port}.", finding.Summary);
        Assert.Contains("EADDRINUSE", finding.Evidence);
    }

    [LinuxFact]
    public async Task A_wildcard_listener_blocks_a_specific_address_and_is_named()
    {
        using var listener = TestSockets.Listen(IPAddress.Any);
        var port = TestSockets.PortOf(listener);

        var finding = await Check.CheckAsync(IPAddress.Loopback, port);

        Assert.NotNull(finding);
        Assert.Contains($"already listens on 0.0.0.0:{port}", finding.Summary);
    }

    [LinuxFact]
    public async Task Dual_stack_check_on_ipv6_any_is_blocked_by_an_ipv4_listener()
    {
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        var port = TestSockets.PortOf(listener);

        var finding = await Check.CheckAsync(IPAddress.IPv6Any, port);

        Assert.NotNull(finding);
        Assert.Contains($"already listens on 127.0.0.1:{port}", finding.Summary);
    }

    [LinuxFact]
    public async Task Free_port_is_null_and_the_probe_socket_is_closed_again()
    {
        var port = TestSockets.FreePort();

        Assert.Null(await Check.CheckAsync(IPAddress.Loopback, port));

        // The probe released the port: a real listener can take it, and nothing of ours is left on it.
        using var after = TestSockets.Listen(IPAddress.Loopback, port);
        var owners = await PortOwnerFinder.FindAsync(new PortOwnerQuery([port], TransportProtocol.Tcp, PortStateFilter.All));
        Assert.Equal(TestSockets.InodeOf(after), Assert.Single(owners).Inode);
    }

    [LinuxFact]
    public async Task An_ipv6_only_listener_does_not_block_ipv4()
    {
        using var v6 = TestSockets.Listen(IPAddress.IPv6Any, dualMode: false);

        Assert.Null(await Check.CheckAsync(IPAddress.Loopback, TestSockets.PortOf(v6)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public async Task Port_out_of_range_is_a_clear_argument_error(int port)
    {
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Check.CheckAsync(IPAddress.Loopback, port));
        Assert.Contains("1-65535", ex.Message);
    }

    [LinuxFact]
    public async Task An_address_this_machine_does_not_have_is_a_clear_argument_error()
    {
        // TEST-NET-2: never assigned here; bind fails locally with EADDRNOTAVAIL, no packet is sent.
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Check.CheckAsync(IPAddress.Parse("198.51.100.7"), 8080));
        Assert.Contains("not an address of this machine", ex.Message);
    }

    [Fact]
    public void Conflict_rules_follow_wildcards_and_v6only()
    {
        static PortOwner S(string address, bool? v6Only = null) => new(TransportProtocol.Tcp, IPAddress.Parse(address), 80,
            IPAddress.Any, 0, SocketState.Listen, 1, "x", null, null, BindScope.Specific, true, v6Only, 1);

        Assert.True(PortAvailability.Conflicts(S("127.0.0.1"), IPAddress.Loopback));
        Assert.True(PortAvailability.Conflicts(S("0.0.0.0"), IPAddress.Loopback));
        Assert.True(PortAvailability.Conflicts(S("::", v6Only: false), IPAddress.Loopback));
        Assert.False(PortAvailability.Conflicts(S("::", v6Only: true), IPAddress.Loopback));
        Assert.True(PortAvailability.Conflicts(S("127.0.0.1"), IPAddress.Any));
        Assert.False(PortAvailability.Conflicts(S("::1"), IPAddress.Any));
        Assert.True(PortAvailability.Conflicts(S("127.0.0.1"), IPAddress.IPv6Any));
        Assert.False(PortAvailability.Conflicts(S("127.0.0.2"), IPAddress.Loopback));
        Assert.False(PortAvailability.Conflicts(S("0.0.0.0"), IPAddress.IPv6Loopback));
    }
}
