using System.Buffers.Binary;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// Builds a query without the general writer: header, one uncompressed question and an optional OPT
/// record, straight into one array (this runs once per attempt, thousands of times in a bulk lookup).
/// </summary>
public static class DnsQueryWriter
{
    /// <summary>The query bytes.</summary>
    /// <param name="id">Transaction id (from a CSPRNG; see <see cref="Client.DnsQueryClient"/>).</param>
    /// <param name="name">The name asked for.</param>
    /// <param name="type">The record type asked for.</param>
    /// <param name="recursionDesired">RD bit: ask the server to recurse.</param>
    /// <param name="edns">OPT record to add (payload size, DO bit), or null for a plain RFC 1035 query.</param>
    /// <param name="queryClass">Class, IN unless asking CH for server identity.</param>
    /// <param name="checkingDisabled">CD bit: ask a validating resolver to skip DNSSEC validation.</param>
    public static byte[] Build(ushort id, DnsName name, DnsRecordType type, bool recursionDesired, DnsEdns? edns,
        DnsClass queryClass = DnsClass.IN, bool checkingDisabled = false)
    {
        var qname = name.Wire.Span;
        var optLength = edns is null ? 0 : 11;
        var bytes = new byte[12 + qname.Length + 4 + optLength];
        var s = bytes.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(s, id);
        // AD=1 in a query asks the resolver to say whether it validated the answer (RFC 6840 §5.7), as dig does.
        var flags = (recursionDesired ? 0x0100 : 0) | 0x0020 | (checkingDisabled ? 0x0010 : 0);
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], (ushort)flags);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(s[10..], (ushort)(edns is null ? 0 : 1));
        qname.CopyTo(s[12..]);
        var p = 12 + qname.Length;
        BinaryPrimitives.WriteUInt16BigEndian(s[p..], (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(s[(p + 2)..], (ushort)queryClass);
        if (edns is not null)
        {
            p += 4;
            // Root owner (s[p] = 0), TYPE 41, CLASS = payload size, TTL = ext-rcode/version/DO, RDLENGTH 0.
            BinaryPrimitives.WriteUInt16BigEndian(s[(p + 1)..], (ushort)DnsRecordType.OPT);
            BinaryPrimitives.WriteUInt16BigEndian(s[(p + 3)..], Math.Max((ushort)512, edns.UdpPayloadSize));
            BinaryPrimitives.WriteUInt32BigEndian(s[(p + 5)..], ((uint)edns.Version << 16) | (edns.DnssecOk ? 0x8000u : 0));
        }
        return bytes;
    }
}
