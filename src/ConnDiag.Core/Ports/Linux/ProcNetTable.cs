using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace ConnDiag.Ports.Linux;

/// <summary>
/// The fallback socket table: /proc/net/{tcp,tcp6,udp,udp6}, used when netlink sock_diag is unavailable
/// (e.g. a kernel without udp_diag). It does not report IPV6_V6ONLY.
/// </summary>
internal static class ProcNetTable
{
    private const int MaxLines = 2_000_000;

    /// <summary>Reads one table; a missing file (IPv6 disabled) is an empty table.</summary>
    public static List<KernelSocket> Read(TransportProtocol protocol, bool ipv6, uint stateMask, CancellationToken cancellationToken)
    {
        var path = $"/proc/net/{(protocol == TransportProtocol.Tcp ? "tcp" : "udp")}{(ipv6 ? "6" : "")}";
        var sockets = new List<KernelSocket>();
        if (!File.Exists(path)) return sockets;
        using var reader = new StreamReader(path);
        reader.ReadLine(); // column headings
        var lines = 0;
        while (reader.ReadLine() is { } line)
        {
            if (++lines > MaxLines) throw new IOException($"{path} has more than {MaxLines} lines; refusing to read further");
            if ((lines & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (TryParseLine(line, protocol, out var socket) && KernelStates.Matches(stateMask, socket.KernelState)) sockets.Add(socket);
        }
        return sockets;
    }

    /// <summary>
    /// Parses a row such as <c>0: 0100007F:0CD8 00000000:0000 0A 00000000:00000000 00:00000000 00000000 1000 0 4242 ...</c>.
    /// Addresses are the kernel's 32-bit words printed in host byte order; ports and state are hex.
    /// </summary>
    public static bool TryParseLine(string line, TransportProtocol protocol, out KernelSocket socket)
    {
        socket = default;
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 10) return false;
        if (!TryParseEndpoint(fields[1], out var local, out var localPort)
            || !TryParseEndpoint(fields[2], out var remote, out var remotePort)
            || !int.TryParse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var state)
            || !uint.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            || !long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
        {
            return false;
        }
        socket = new KernelSocket(protocol, local, localPort, remote, remotePort, state, uid, inode, null);
        return true;
    }

    private static bool TryParseEndpoint(string text, out IPAddress address, out int port)
    {
        address = IPAddress.None;
        port = 0;
        var colon = text.IndexOf(':');
        var hex = colon < 0 ? "" : text[..colon];
        if (hex.Length is not (8 or 32)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
        {
            if (!uint.TryParse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)) return false;
            MemoryMarshal.Write(bytes[(word * 4)..], in value); // host order, as the kernel printed it
        }
        address = new IPAddress(bytes);
        return true;
    }
}
