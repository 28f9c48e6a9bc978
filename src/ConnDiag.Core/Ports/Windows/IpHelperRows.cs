using System.Buffers.Binary;
using System.Net;

namespace ConnDiag.Ports.Windows;

/// <summary>One row of an IP Helper owner-PID table.</summary>
internal readonly record struct IpHelperRow(
    TransportProtocol Protocol, IPAddress LocalAddress, int LocalPort, IPAddress RemoteAddress, int RemotePort, SocketState State, int Pid);

/// <summary>Decodes the tables GetExtendedTcpTable / GetExtendedUdpTable fill in; pure, so it is tested on any OS.</summary>
internal static class IpHelperRows
{
    // Layouts (all DWORD-aligned; the table is DWORD dwNumEntries followed by the rows):
    //   MIB_TCPROW_OWNER_PID   state, localAddr, localPort, remoteAddr, remotePort, pid            24 bytes
    //   MIB_TCP6ROW_OWNER_PID  localAddr[16], localScope, localPort, remoteAddr[16], remoteScope,
    //                          remotePort, state, pid                                              56 bytes
    //   MIB_UDPROW_OWNER_PID   localAddr, localPort, pid                                           12 bytes
    //   MIB_UDP6ROW_OWNER_PID  localAddr[16], localScope, localPort, pid                           28 bytes
    // Addresses are in network order as stored; ports are network order in the low 16 bits of the DWORD.
    public static List<IpHelperRow> Parse(ReadOnlySpan<byte> table, TransportProtocol protocol, bool v6)
    {
        if (table.Length < 4) return [];
        var count = (int)BitConverter.ToUInt32(table);
        var rowSize = (protocol, v6) switch
        {
            (TransportProtocol.Tcp, false) => 24,
            (TransportProtocol.Tcp, true) => 56,
            (TransportProtocol.Udp, false) => 12,
            _ => 28,
        };
        var rows = new List<IpHelperRow>(count);
        for (var i = 0; i < count && 4 + (i + 1) * rowSize <= table.Length; i++)
        {
            var r = table.Slice(4 + i * rowSize, rowSize);
            rows.Add((protocol, v6) switch
            {
                (TransportProtocol.Tcp, false) => new IpHelperRow(protocol, new IPAddress(r.Slice(4, 4)), Port(r[8..]),
                    new IPAddress(r.Slice(12, 4)), Port(r[16..]), State(BitConverter.ToUInt32(r)), (int)BitConverter.ToUInt32(r[20..])),
                (TransportProtocol.Tcp, true) => new IpHelperRow(protocol, new IPAddress(r[..16]), Port(r[20..]),
                    new IPAddress(r.Slice(24, 16)), Port(r[44..]), State(BitConverter.ToUInt32(r[48..])), (int)BitConverter.ToUInt32(r[52..])),
                (TransportProtocol.Udp, false) => new IpHelperRow(protocol, new IPAddress(r[..4]), Port(r[4..]),
                    IPAddress.Any, 0, SocketState.Listen, (int)BitConverter.ToUInt32(r[8..])),
                _ => new IpHelperRow(protocol, new IPAddress(r[..16]), Port(r[20..]),
                    IPAddress.IPv6Any, 0, SocketState.Listen, (int)BitConverter.ToUInt32(r[24..])),
            });
        }
        return rows;
    }

    private static int Port(ReadOnlySpan<byte> dword) => BinaryPrimitives.ReadUInt16BigEndian(dword);

    // MIB_TCP_STATE: 1 CLOSED, 2 LISTEN, 3 SYN_SENT, 4 SYN_RCVD, 5 ESTAB, 6 FIN_WAIT1, 7 FIN_WAIT2,
    // 8 CLOSE_WAIT, 9 CLOSING, 10 LAST_ACK, 11 TIME_WAIT, 12 DELETE_TCB.
    private static SocketState State(uint state) => state switch
    {
        1 => SocketState.Close,
        2 => SocketState.Listen,
        3 => SocketState.SynSent,
        4 => SocketState.SynReceived,
        5 => SocketState.Established,
        6 => SocketState.FinWait1,
        7 => SocketState.FinWait2,
        8 => SocketState.CloseWait,
        9 => SocketState.Closing,
        10 => SocketState.LastAck,
        11 => SocketState.TimeWait,
        _ => SocketState.Unknown,
    };
}
