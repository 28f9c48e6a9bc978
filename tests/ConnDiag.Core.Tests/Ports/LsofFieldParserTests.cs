using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Ports;
using ConnDiag.Ports.MacOS;

namespace ConnDiag.Core.Tests.Ports;

public class LsofFieldParserTests
{
    // What `lsof -nP -w -iTCP -iUDP -F pcuLftPnT` prints on macOS: process sets (p, c, u, L) each followed by
    // file sets (f, t, P, n, T...). Includes a dual-stack listener, a connection, mDNS on both families,
    // a scoped link-local address, an unbound UDP socket and a process holding one socket in two fds.
    private const string MacSample = """
        p412
        crapportd
        u501
        Lalice
        f3
        tIPv4
        PUDP
        n*:*
        p539
        cnode
        u501
        Lalice
        f23
        tIPv6
        PTCP
        n[::1]:3456
        TST=LISTEN
        TQR=0
        TQS=0
        f24
        tIPv4
        PTCP
        n127.0.0.1:3456->127.0.0.1:52011
        TST=ESTABLISHED
        TQR=0
        TQS=0
        f25
        tIPv6
        PTCP
        n*:8080
        TST=LISTEN
        TQR=0
        TQS=0
        f26
        tIPv6
        PTCP
        n*:8080
        TST=LISTEN
        TQR=0
        TQS=0
        p611
        cmDNSResponder
        u65
        L_mdnsresponder
        f11
        tIPv4
        PUDP
        n*:5353
        f12
        tIPv6
        PUDP
        n*:5353
        f13
        tIPv6
        PUDP
        n[fe80::1%lo0]:5353
        p700
        cGoogle Chrome He
        u501
        Lalice
        f31
        tIPv4
        PTCP
        n192.168.1.23:52344->142.250.185.78:443
        TST=ESTABLISHED
        TQR=0
        TQS=0
        f32
        tIPv4
        PTCP
        n192.168.1.23:52345->142.250.185.78:443
        TST=SYN_SENT
        TQR=0
        TQS=0
        """;

    [Fact]
    public void Parses_process_and_file_sets()
    {
        var owners = LsofFieldParser.Parse(MacSample);

        Assert.Equal(10, owners.Count);
        var listener = owners[1];
        Assert.Equal((TransportProtocol.Tcp, IPAddress.IPv6Loopback, 3456, SocketState.Listen), (listener.Protocol, listener.LocalAddress, listener.LocalPort, listener.State));
        Assert.Equal((539, "node", "alice", BindScope.Loopback, true), (listener.Id, listener.ProcessName, listener.User, listener.BindScope, listener.OwnerVisible));

        var connection = owners[2];
        Assert.Equal((IPAddress.Loopback, 3456, IPAddress.Loopback, 52011, SocketState.Established),
            (connection.LocalAddress, connection.LocalPort, connection.RemoteAddress, connection.RemotePort, connection.State));

        Assert.Equal((IPAddress.IPv6Any, BindScope.AllInterfaces), (owners[3].LocalAddress, owners[3].BindScope));
        Assert.Equal(IPAddress.Parse("fe80::1"), owners[7].LocalAddress);
        Assert.Equal(("_mdnsresponder", SocketState.Listen), (owners[5].User, owners[5].State));
        Assert.Equal(("Google Chrome He", SocketState.SynSent), (owners[9].ProcessName, owners[9].State));
    }

    [Fact]
    public void Query_keeps_listeners_on_wanted_ports_drops_unbound_sockets_and_duplicate_fds()
    {
        var owners = LsofFieldParser.Parse(MacSample);

        var listeners = LsofPortOwnerSource.Filter(owners, PortOwnerQuery.Listeners());
        Assert.Equal(["3456/Tcp", "8080/Tcp", "5353/Udp", "5353/Udp", "5353/Udp"], listeners.Select(o => $"{o.LocalPort}/{o.Protocol}"));

        var all = LsofPortOwnerSource.Filter(owners, new PortOwnerQuery([443], TransportProtocol.Tcp, PortStateFilter.All));
        Assert.Equal([52344, 52345], all.Select(o => o.LocalPort));
    }

    [Theory]
    [InlineData("f3\ntIPv4\nPTCP\nn127.0.0.1:80\nTST=LISTEN\n")]  // file set before any process set: no PID
    [InlineData("p1\ncx\nf3\ntunix\nPUNIX\nn/var/run/socket\n")]
    [InlineData("p1\ncx\nf3\ntIPv4\nPTCP\nnlocalhost:http\n")]      // names instead of numbers (-n -P missing)
    [InlineData("")]
    public void Ignores_what_is_not_a_numeric_inet_socket_with_an_owner(string text) =>
        Assert.DoesNotContain(LsofFieldParser.Parse(text), o => o.Id is not null);

    [Fact]
    public void Arguments_narrow_to_the_query()
    {
        Assert.Equal(["-n", "-P", "-w", "-iTCP:80,443", "-F", "pcuLftPnT"],
            LsofPortOwnerSource.Arguments(new PortOwnerQuery([80, 443], TransportProtocol.Tcp, PortStateFilter.Listen)));
        Assert.Equal(["-n", "-P", "-w", "-iTCP", "-iUDP", "-F", "pcuLftPnT"], LsofPortOwnerSource.Arguments(PortOwnerQuery.Listeners()));
    }

    [LinuxFact("lsof")]
    public async Task Whole_source_finds_a_real_listener_through_this_machines_lsof()
    {
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        using var udp = TestSockets.Udp(IPAddress.IPv6Loopback);
        var query = PortOwnerQuery.Listeners(TestSockets.PortOf(listener), TestSockets.PortOf(udp));

        var owners = await new LsofPortOwnerSource().GetOwnersAsync(query, CancellationToken.None);

        Assert.Equal(2, owners.Count);
        Assert.All(owners, o => Assert.Equal(Environment.ProcessId, o.Id));
        Assert.Contains(owners, o => o.Protocol == TransportProtocol.Tcp && o.LocalAddress.Equals(IPAddress.Loopback));
        Assert.Contains(owners, o => o.Protocol == TransportProtocol.Udp && o.LocalAddress.Equals(IPAddress.IPv6Loopback));
    }

    [Fact]
    public async Task A_missing_lsof_is_a_clear_platform_error()
    {
        var source = new LsofPortOwnerSource("/nonexistent/lsof");

        var ex = await Assert.ThrowsAsync<PlatformNotSupportedException>(() => source.GetOwnersAsync(PortOwnerQuery.Listeners(80), CancellationToken.None));
        Assert.Contains("lsof", ex.Message);
    }
}
