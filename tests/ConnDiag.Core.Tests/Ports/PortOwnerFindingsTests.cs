using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Findings;
using ConnDiag.Ports;

namespace ConnDiag.Core.Tests.Ports;

public class PortOwnerFindingsTests
{
    [LinuxFact]
    public async Task A_requested_port_without_a_socket_is_not_listening_and_a_listened_one_is_not()
    {
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        var busy = TestSockets.PortOf(listener);
        var free = TestSockets.FreePort();
        var query = new PortOwnerQuery([busy, free], TransportProtocol.Tcp, PortStateFilter.Listen);

        var owners = await PortOwnerFinder.FindAsync(query);
        var missing = PortOwnerFindings.MissingPorts(query, owners);

        var (port, finding) = Assert.Single(missing);
        Assert.Equal(free, port);
        Assert.Equal(FindingCodes.LocalNotListening, finding.Code);
        Assert.Equal($"Nothing on this machine listens on TCP port {free}.", finding.Summary);
    }

    [Fact]
    public void Hidden_owners_are_counted_and_named_by_socket_and_user()
    {
        static PortOwner Owner(int port, bool visible) => new(TransportProtocol.Tcp, IPAddress.Loopback, port, IPAddress.Any, 0,
            SocketState.Listen, visible ? 42 : null, visible ? "node" : null, null, "postgres", BindScope.Loopback, visible, null, 1);

        Assert.Null(PortOwnerFindings.HiddenOwners([Owner(80, true)]));

        var hidden = PortOwnerFindings.HiddenOwners([Owner(80, true), Owner(5432, false)]);

        Assert.NotNull(hidden);
        Assert.Equal(FindingCodes.LocalOwnerHidden, hidden.Code);
        Assert.StartsWith("The owning process of 1 socket(s)", hidden.Summary);
        Assert.Contains("TCP 127.0.0.1:5432 (user postgres)", hidden.Evidence);
    }
}
