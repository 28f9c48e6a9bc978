using System.Buffers.Binary;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// Appends big-endian fields and names to a growing buffer, with RFC 1035 §4.1.4 compression: a name whose
/// suffix was written before (at an offset a pointer can reach) ends in a pointer to it.
/// </summary>
internal sealed class WireWriter
{
    private byte[] _buffer = new byte[512];
    private readonly Dictionary<string, int> _suffixes = new(StringComparer.OrdinalIgnoreCase);

    public int Length { get; private set; }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(Length), value);
        Length += 2;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(Length), value);
        Length += 4;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public void PatchUInt16(int offset, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(offset), value);

    /// <summary>Writes a name, compressed against earlier names when <paramref name="compress"/> is set.</summary>
    public void WriteName(string text, bool compress)
    {
        var name = DnsName.Parse(text);
        var wire = name.Wire.Span;
        foreach (var (offset, _) in name.Labels())
        {
            var suffix = DnsName.TextOf(wire[offset..]);
            if (compress && _suffixes.TryGetValue(suffix, out var target))
            {
                WriteUInt16((ushort)(0xC000 | target));
                return;
            }
            // Only offsets a 14-bit pointer can reach are worth remembering.
            if (Length < 0x4000) _suffixes.TryAdd(suffix, Length);
            var len = wire[offset];
            WriteBytes(wire.Slice(offset, 1 + len));
        }
        WriteByte(0);
    }

    public byte[] ToArray()
    {
        if (Length > ushort.MaxValue) throw new InvalidOperationException($"the message is {Length} bytes; a DNS message is at most 65535");
        return _buffer.AsSpan(0, Length).ToArray();
    }

    private void Ensure(int more)
    {
        if (Length + more <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + more));
    }
}
