using System.Buffers.Binary;

namespace ConnDiag.Core.Tests.Clock.Support;

/// <summary>
/// The NTP timestamp format written independently of the engine (which has its own), so a test server
/// built on it checks the engine rather than agreeing with it by construction.
/// </summary>
internal static class NtpWire
{
    private static readonly DateTime Epoch1900 = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static ulong Timestamp(DateTimeOffset t)
    {
        var sinceEpoch = t.UtcDateTime - Epoch1900;
        var wholeSeconds = (ulong)Math.Floor(sinceEpoch.TotalSeconds);
        var fraction = sinceEpoch.TotalSeconds - Math.Floor(sinceEpoch.TotalSeconds);
        // Keep only the low 32 bits of the seconds: that is the era wrap of the wire format.
        return ((wholeSeconds & 0xffff_ffff) << 32) | (ulong)(fraction * 4294967296.0);
    }

    public static void Write(Span<byte> packet, int offset, ulong value) =>
        BinaryPrimitives.WriteUInt64BigEndian(packet[offset..(offset + 8)], value);

    public static ulong Read(ReadOnlySpan<byte> packet, int offset) =>
        BinaryPrimitives.ReadUInt64BigEndian(packet[offset..(offset + 8)]);
}
