using System.Net;
using ConnDiag.Ports;
using ConnDiag.Ports.Linux;

namespace ConnDiag.Core.Tests.Ports;

public class ProcNetTableTests
{
    [Fact]
    public void Parses_an_ipv4_listener_row()
    {
        const string Row = "   3: 0100007F:0D80 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0";

        Assert.True(ProcNetTable.TryParseLine(Row, TransportProtocol.Tcp, out var s));

        Assert.Equal(IPAddress.Loopback, s.LocalAddress);
        Assert.Equal(3456, s.LocalPort);
        Assert.Equal(IPAddress.Any, s.RemoteAddress);
        Assert.Equal((0, KernelStates.Listen, 1000u, 4242L), (s.RemotePort, s.KernelState, s.Uid, s.Inode));
        Assert.Null(s.V6Only);
    }

    [Fact]
    public void Parses_an_ipv6_connection_row_word_by_word()
    {
        // [::1]:3456 <- [::ffff:127.0.0.1]:40000 as little-endian x86 prints it.
        const string Row = "   0: 00000000000000000000000001000000:0D80 0000000000000000FFFF00000100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 777 1 0000000000000000 20 4 30 10 -1";

        Assert.True(ProcNetTable.TryParseLine(Row, TransportProtocol.Tcp, out var s));

        Assert.Equal(IPAddress.IPv6Loopback, s.LocalAddress);
        Assert.Equal(IPAddress.Parse("::ffff:127.0.0.1"), s.RemoteAddress);
        Assert.Equal((3456, 40000, KernelStates.Established, 777L), (s.LocalPort, s.RemotePort, s.KernelState, s.Inode));
    }

    [Theory]
    [InlineData("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode")]
    [InlineData("   3: 0100007F:0D80 00000000:0000 0A")]
    [InlineData("   3: 0100007:0D80 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242")]
    [InlineData("   3: 0100007F:ZZZZ 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242")]
    public void Rejects_headings_and_malformed_rows(string row) =>
        Assert.False(ProcNetTable.TryParseLine(row, TransportProtocol.Tcp, out _));
}
