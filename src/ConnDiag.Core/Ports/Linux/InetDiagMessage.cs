using System.Buffers.Binary;
using System.Net;

namespace ConnDiag.Ports.Linux;

/// <summary>Decodes one <c>inet_diag_msg</c> (linux/inet_diag.h) and its attributes.</summary>
internal static class InetDiagMessage
{
    // struct inet_diag_msg: family, state, timer, retrans, inet_diag_sockid (sport, dport, src[16], dst[16],
    // if, cookie[2]), expires, rqueue, wqueue, uid, inode: 72 bytes. Ports and addresses are network order.
    public const int Size = 72;
    private const int SourcePortOffset = 4;
    private const int DestinationPortOffset = 6;
    private const int SourceOffset = 8;
    private const int DestinationOffset = 24;
    private const int UidOffset = 64;
    private const int InodeOffset = 68;
    private const ushort AttributeV6Only = 11; // INET_DIAG_SKV6ONLY
    private const ushort AttributeTypeMask = 0x3FFF; // strips NLA_F_NESTED / NLA_F_NET_BYTEORDER

    public static bool TryParse(ReadOnlySpan<byte> payload, TransportProtocol protocol, out KernelSocket socket)
    {
        socket = default;
        if (payload.Length < Size) return false;
        var family = payload[0];
        int addressLength = family switch { 2 => 4, 10 => 16, _ => 0 };
        if (addressLength == 0) return false;

        bool? v6Only = null;
        var attributes = payload[Size..];
        while (attributes.Length >= 4)
        {
            var length = BitConverter.ToUInt16(attributes[..2]);
            var type = (ushort)(BitConverter.ToUInt16(attributes.Slice(2, 2)) & AttributeTypeMask);
            if (length < 4 || length > attributes.Length) break;
            if (type == AttributeV6Only && length >= 5) v6Only = attributes[4] != 0;
            var aligned = (length + 3) & ~3;
            if (aligned >= attributes.Length) break;
            attributes = attributes[aligned..];
        }

        socket = new KernelSocket(
            protocol,
            new IPAddress(payload.Slice(SourceOffset, addressLength)),
            BinaryPrimitives.ReadUInt16BigEndian(payload[SourcePortOffset..]),
            new IPAddress(payload.Slice(DestinationOffset, addressLength)),
            BinaryPrimitives.ReadUInt16BigEndian(payload[DestinationPortOffset..]),
            payload[1],
            BitConverter.ToUInt32(payload.Slice(UidOffset, 4)),
            BitConverter.ToUInt32(payload.Slice(InodeOffset, 4)),
            family == 10 ? v6Only : null);
        return true;
    }
}
