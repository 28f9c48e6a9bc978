using System.Buffers.Binary;
using System.Globalization;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// Bounds-checked big-endian reads over one message. <see cref="Limit"/> is the end of the part being read
/// (the message, or one record's RDATA), so a field can never run into the next record. Every failure is a
/// <see cref="DnsFormatException"/> naming the offset and the field.
/// </summary>
internal ref struct WireReader
{
    /// <summary>Most compression pointers followed in one name; strictly backward pointers end sooner anyway.</summary>
    public const int MaxPointerHops = 64;

    private readonly ReadOnlySpan<byte> _message;

    public WireReader(ReadOnlySpan<byte> message)
    {
        _message = message;
        Limit = message.Length;
    }

    public int Position { get; set; }

    public int Limit { get; set; }

    /// <summary>The section being read ("answer", ...), or null for the header and question; only used in error text.</summary>
    public string? Section { get; set; }

    /// <summary>1-based record number within <see cref="Section"/>; only used in error text.</summary>
    public int Record { get; set; }

    public readonly int Remaining => Limit - Position;

    public readonly int MessageLength => _message.Length;

    public byte ReadByte(string field)
    {
        Need(1, field);
        return _message[Position++];
    }

    public ushort ReadUInt16(string field)
    {
        Need(2, field);
        var v = BinaryPrimitives.ReadUInt16BigEndian(_message.Slice(Position, 2));
        Position += 2;
        return v;
    }

    public uint ReadUInt32(string field)
    {
        Need(4, field);
        var v = BinaryPrimitives.ReadUInt32BigEndian(_message.Slice(Position, 4));
        Position += 4;
        return v;
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string field)
    {
        Need(count, field);
        var s = _message.Slice(Position, count);
        Position += count;
        return s;
    }

    /// <summary>
    /// Reads a possibly compressed name. Rules: labels at most 63 bytes (the 01/10 length types are refused),
    /// the name at most 255 bytes on the wire, every pointer pointing strictly before the labels it was
    /// reached from (so no loop and no forward reference can exist), and the in-place part inside
    /// <see cref="Limit"/>. Pointers may leave the current RDATA: they point at earlier names in the message.
    /// </summary>
    public string ReadName(string field)
    {
        Span<char> text = stackalloc char[DnsNames.MaxWireLength * 4];
        var chars = 0;
        var pos = Position;
        var bound = Limit;
        var runStart = pos;
        var resume = -1;
        var wireLength = 0;
        var hops = 0;
        while (true)
        {
            if (pos >= bound) throw Error(pos, $"{Field(field)}: the name runs past the end of the {(resume < 0 ? Part() : "message")}");
            var len = _message[pos];
            switch (len & 0xC0)
            {
                case 0x00:
                    wireLength += 1 + len;
                    if (wireLength > DnsNames.MaxWireLength)
                    {
                        throw Error(pos, $"{Field(field)}: the name is longer than {DnsNames.MaxWireLength} bytes");
                    }
                    if (len == 0)
                    {
                        Position = resume >= 0 ? resume : pos + 1;
                        if (chars == 0) return ".";
                        return new string(text[..chars]);
                    }
                    if (pos + 1 + len > bound)
                    {
                        throw Error(pos, $"{Field(field)}: a label of {len} bytes runs past the end of the {(resume < 0 ? Part() : "message")}");
                    }
                    chars += DnsNames.EscapeLabel(_message.Slice(pos + 1, len), text[chars..]);
                    text[chars++] = '.';
                    pos += 1 + len;
                    break;
                case 0xC0:
                    if (pos + 1 >= bound) throw Error(pos, $"{Field(field)}: a compression pointer is cut off");
                    var target = ((len & 0x3F) << 8) | _message[pos + 1];
                    if (target >= runStart)
                    {
                        throw Error(pos, target == pos
                            ? $"{Field(field)}: a compression pointer points at itself"
                            : target > pos
                                ? $"{Field(field)}: a compression pointer points forward (to offset {target.ToString(CultureInfo.InvariantCulture)})"
                                : $"{Field(field)}: a compression pointer to offset {target.ToString(CultureInfo.InvariantCulture)} does not point before the labels it was reached from (a pointer loop)");
                    }
                    if (++hops > MaxPointerHops)
                    {
                        throw Error(pos, $"{Field(field)}: more than {MaxPointerHops} compression pointers in one name");
                    }
                    if (resume < 0) resume = pos + 2;
                    pos = target;
                    runStart = target;
                    bound = _message.Length;
                    break;
                default:
                    throw Error(pos, string.Create(CultureInfo.InvariantCulture,
                        $"{Field(field)}: label length byte 0x{len:x2} uses the reserved label type {(len >> 6 == 1 ? "01 (a label of 64 or more bytes)" : "10")}; labels are at most 63 bytes"));
            }
        }
    }

    /// <summary>The field with its record ("answer record 2 name"); built only when an error needs it.</summary>
    private readonly string Field(string field) =>
        Section is null ? field : string.Create(CultureInfo.InvariantCulture, $"{Section} record {Record} {field}");

    private readonly string Part() => Limit == _message.Length ? "message" : "record data";

    private readonly void Need(int count, string field)
    {
        if (count < 0 || Position + count > Limit)
        {
            throw Error(Position, string.Create(CultureInfo.InvariantCulture,
                $"{Field(field)} needs {count} bytes but only {Math.Max(0, Limit - Position)} remain in the {Part()}"));
        }
    }

    public static DnsFormatException Error(int offset, string reason) => new(offset, reason);
}
