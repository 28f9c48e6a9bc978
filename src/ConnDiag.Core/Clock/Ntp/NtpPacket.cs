using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ConnDiag.Clock.Ntp;

/// <summary>The leap indicator of an NTP header; <see cref="Unsynchronized"/> is the server's alarm state.</summary>
internal enum LeapIndicator { None = 0, InsertSecond = 1, DeleteSecond = 2, Unsynchronized = 3 }

/// <summary>
/// The 48-byte NTP header (RFC 5905 §7.3, the same layout as SNTP in RFC 4330 §4). Extension fields and a
/// MAC may follow it; a client that does not use them ignores them.
/// </summary>
internal sealed record NtpPacket(
    LeapIndicator Leap,
    int Version,
    int Mode,
    int Stratum,
    uint ReferenceId,
    NtpTimestamp Originate,
    NtpTimestamp Receive,
    NtpTimestamp Transmit)
{
    public const int HeaderLength = 48;
    public const int ModeClient = 3;
    public const int ModeServer = 4;
    public const int ClientVersion = 4;

    /// <summary>A client request (LI 0, VN 4, mode 3) whose transmit timestamp is <paramref name="transmit"/>.</summary>
    public static byte[] Request(NtpTimestamp transmit)
    {
        var bytes = new byte[HeaderLength];
        bytes[0] = (byte)((ClientVersion << 3) | ModeClient);
        transmit.Write(bytes.AsSpan(40, 8));
        return bytes;
    }

    /// <summary>Reads a header; null when the datagram is shorter than one.</summary>
    public static NtpPacket? TryRead(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < HeaderLength) return null;
        var first = datagram[0];
        return new NtpPacket(
            (LeapIndicator)(first >> 6),
            (first >> 3) & 0x7,
            first & 0x7,
            datagram[1],
            BinaryPrimitives.ReadUInt32BigEndian(datagram[12..16]),
            NtpTimestamp.Read(datagram[24..32]),
            NtpTimestamp.Read(datagram[32..40]),
            NtpTimestamp.Read(datagram[40..48]));
    }

    /// <summary>A stratum-0 reply is a kiss-o'-death: the reference id holds a four-letter code (RFC 5905 §7.4).</summary>
    public bool IsKissOfDeath => Stratum == 0;

    /// <summary>
    /// The reference id as people read it: for stratum 0 (kiss code) and 1 (reference clock, e.g. GPS) four
    /// ASCII characters; above that the IPv4 address of the server's upstream (or a hash of its IPv6 address).
    /// </summary>
    public string ReferenceIdText => Stratum <= 1 ? AsciiCode(ReferenceId) : DottedQuad(ReferenceId);

    private static string AsciiCode(uint id)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, id);
        var text = new StringBuilder(4);
        foreach (var c in b)
        {
            if (c == 0) break;
            // A hostile server chooses these bytes: keep them printable so they cannot rewrite a terminal line.
            text.Append(c is >= 0x20 and < 0x7f ? (char)c : '?');
        }
        return text.ToString();
    }

    private static string DottedQuad(uint id) => string.Create(CultureInfo.InvariantCulture,
        $"{id >> 24}.{(id >> 16) & 0xff}.{(id >> 8) & 0xff}.{id & 0xff}");
}
