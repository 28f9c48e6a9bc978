using System.Net;
using ConnDiag.Ports;
using ConnDiag.Ports.Windows;

namespace ConnDiag.Core.Tests.Ports;

/// <summary>The Windows table decoding, fed byte layouts built from the documented MIB_*ROW_OWNER_PID structs.</summary>
public class IpHelperRowsTests
{
    private static byte[] Table(int rowSize, params byte[][] rows)
    {
        var table = new byte[4 + rowSize * rows.Length];
        BitConverter.GetBytes((uint)rows.Length).CopyTo(table, 0);
        for (var i = 0; i < rows.Length; i++) rows[i].CopyTo(table, 4 + i * rowSize);
        return table;
    }

    private static byte[] Dword(uint value) => BitConverter.GetBytes(value);

    private static byte[] Port(int port) => [(byte)(port >> 8), (byte)port, 0, 0]; // network order in the low word

    [Fact]
    public void Decodes_tcp4_rows()
    {
        byte[] row = [.. Dword(5), 127, 0, 0, 1, .. Port(3456), 127, 0, 0, 1, .. Port(50000), .. Dword(4242)];

        var r = Assert.Single(IpHelperRows.Parse(Table(24, row), TransportProtocol.Tcp, v6: false));

        Assert.Equal((IPAddress.Loopback, 3456, IPAddress.Loopback, 50000, SocketState.Established, 4242),
            (r.LocalAddress, r.LocalPort, r.RemoteAddress, r.RemotePort, r.State, r.Pid));
    }

    [Fact]
    public void Decodes_tcp6_rows()
    {
        byte[] row = [.. IPAddress.IPv6Loopback.GetAddressBytes(), .. Dword(0), .. Port(443), .. IPAddress.IPv6Any.GetAddressBytes(), .. Dword(0), .. Port(0), .. Dword(2), .. Dword(77)];
        Assert.Equal(56, row.Length);

        var r = Assert.Single(IpHelperRows.Parse(Table(56, row, row), TransportProtocol.Tcp, v6: true).Take(1));

        Assert.Equal((IPAddress.IPv6Loopback, 443, SocketState.Listen, 77), (r.LocalAddress, r.LocalPort, r.State, r.Pid));
    }

    [Fact]
    public void Decodes_udp4_and_udp6_rows_as_listeners()
    {
        byte[] v4 = [0, 0, 0, 0, .. Port(53), .. Dword(900)];
        byte[] v6 = [.. IPAddress.IPv6Loopback.GetAddressBytes(), .. Dword(0), .. Port(5353), .. Dword(901)];
        Assert.Equal(28, v6.Length);

        var r4 = Assert.Single(IpHelperRows.Parse(Table(12, v4), TransportProtocol.Udp, v6: false));
        var r6 = IpHelperRows.Parse(Table(28, v6, v6), TransportProtocol.Udp, v6: true);

        Assert.Equal((IPAddress.Any, 53, SocketState.Listen, 900), (r4.LocalAddress, r4.LocalPort, r4.State, r4.Pid));
        Assert.Equal(2, r6.Count);
        Assert.All(r6, r => Assert.Equal((IPAddress.IPv6Loopback, 5353, 901), (r.LocalAddress, r.LocalPort, r.Pid)));
    }

    [Fact]
    public void A_count_larger_than_the_buffer_reads_only_whole_rows()
    {
        var table = Table(12, [127, 0, 0, 1, .. Port(80), .. Dword(1)]);
        BitConverter.GetBytes(1000u).CopyTo(table, 0);

        Assert.Single(IpHelperRows.Parse(table, TransportProtocol.Udp, v6: false));
        Assert.Empty(IpHelperRows.Parse([1, 0], TransportProtocol.Udp, v6: false));
    }
}
