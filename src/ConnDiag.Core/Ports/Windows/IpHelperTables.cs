using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ConnDiag.Ports.Windows;

/// <summary>
/// GetExtendedTcpTable / GetExtendedUdpTable (iphlpapi.dll) with the owner-PID row layouts from
/// tcpmib.h / udpmib.h. UNTESTED HERE (written on Linux from the documented struct layouts).
/// </summary>
[SupportedOSPlatform("windows")]
internal static unsafe partial class IpHelperTables
{
    private const int TcpTableOwnerPidAll = 5;   // TCP_TABLE_OWNER_PID_ALL
    private const int UdpTableOwnerPid = 1;      // UDP_TABLE_OWNER_PID
    private const uint NoError = 0;
    private const uint ErrorInsufficientBuffer = 122;
    private const int AfInet = 2;
    private const int AfInet6 = 23;

    [LibraryImport("iphlpapi.dll")]
    private static partial uint GetExtendedTcpTable(void* table, ref int size, [MarshalAs(UnmanagedType.Bool)] bool order, int family, int tableClass, uint reserved);

    [LibraryImport("iphlpapi.dll")]
    private static partial uint GetExtendedUdpTable(void* table, ref int size, [MarshalAs(UnmanagedType.Bool)] bool order, int family, int tableClass, uint reserved);

    public static List<IpHelperRow> Read(TransportProtocol protocol, AddressFamily family)
    {
        var v6 = family == AddressFamily.InterNetworkV6;
        var af = v6 ? AfInet6 : AfInet;
        var size = 0;
        // The table can grow between the size query and the read: retry a few times with the new size.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var buffer = size == 0 ? null : NativeMemory.Alloc((nuint)size);
            try
            {
                var rc = protocol == TransportProtocol.Tcp
                    ? GetExtendedTcpTable(buffer, ref size, false, af, TcpTableOwnerPidAll, 0)
                    : GetExtendedUdpTable(buffer, ref size, false, af, UdpTableOwnerPid, 0);
                if (rc == ErrorInsufficientBuffer) continue;
                if (rc != NoError) throw new IOException($"GetExtended{protocol}Table failed with error {rc}.");
                if (buffer is null) return [];
                return IpHelperRows.Parse(new ReadOnlySpan<byte>(buffer, size), protocol, v6);
            }
            finally
            {
                if (buffer is not null) NativeMemory.Free(buffer);
            }
        }
        throw new IOException($"GetExtended{protocol}Table: the table kept growing; try again.");
    }
}
