using System.Globalization;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// Decodes a whole message strictly: exactly one question, every record inside the message and inside
/// its own RDATA, at most one OPT record and only in the additional section, nothing after the last
/// record. Hostile input fails fast with a <see cref="DnsFormatException"/>: every loop consumes bytes, so
/// the work is bounded by the message length.
/// </summary>
internal static class DnsMessageReader
{
    public const int HeaderLength = 12;

    /// <summary>The smallest record: root name (1), type, class, TTL, RDLENGTH (10).</summary>
    private const int MinRecordLength = 11;

    public static DnsMessage Read(ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderLength)
        {
            throw WireReader.Error(0, $"{message.Length} bytes is shorter than the 12-byte header");
        }
        if (message.Length > ushort.MaxValue)
        {
            throw WireReader.Error(ushort.MaxValue, $"{message.Length} bytes is longer than a DNS message can be (65535)");
        }
        var r = new WireReader(message);
        var id = r.ReadUInt16("ID");
        var flags = r.ReadUInt16("flags");
        var qd = r.ReadUInt16("QDCOUNT");
        var an = r.ReadUInt16("ANCOUNT");
        var ns = r.ReadUInt16("NSCOUNT");
        var ar = r.ReadUInt16("ARCOUNT");
        var header = DnsHeader.Unpack(id, flags, qd, an, ns, ar);
        if (qd != 1)
        {
            throw WireReader.Error(4, string.Create(CultureInfo.InvariantCulture,
                $"QDCOUNT is {qd}; a message ConnDiag accepts carries exactly one question"));
        }

        var qname = r.ReadName("question name");
        var qtype = (DnsRecordType)r.ReadUInt16("question type");
        var qclass = (DnsClass)r.ReadUInt16("question class");
        var question = new DnsQuestion(qname, qtype, qclass);

        DnsEdns? edns = null;
        var answers = ReadSection(ref r, an, "answer", ref edns);
        var authorities = ReadSection(ref r, ns, "authority", ref edns);
        var additionals = ReadSection(ref r, ar, "additional", ref edns);
        if (r.Position != message.Length)
        {
            throw WireReader.Error(r.Position, string.Create(CultureInfo.InvariantCulture,
                $"{message.Length - r.Position} bytes follow the last record"));
        }
        return new DnsMessage(header, question, answers, authorities, additionals, edns);
    }

    private static IReadOnlyList<DnsRecord> ReadSection(ref WireReader r, ushort count, string section, ref DnsEdns? edns)
    {
        if (count == 0) return [];
        if ((long)count * MinRecordLength > r.Remaining)
        {
            throw WireReader.Error(r.Position, string.Create(CultureInfo.InvariantCulture,
                $"the {section} section claims {count} records but only {r.Remaining} bytes remain (a record takes at least {MinRecordLength})"));
        }
        var list = new List<DnsRecord>(count);
        r.Section = section;
        for (var i = 0; i < count; i++)
        {
            var start = r.Position;
            r.Record = i + 1;
            var name = r.ReadName("name");
            var type = (DnsRecordType)r.ReadUInt16("type");
            var rclass = r.ReadUInt16("class");
            var ttl = r.ReadUInt32("TTL");
            var rdLength = r.ReadUInt16("RDLENGTH");
            if (rdLength > r.Remaining)
            {
                throw WireReader.Error(r.Position - 2, string.Create(CultureInfo.InvariantCulture,
                    $"{section} record {i + 1} ({DnsNames.TypeText(type)}) has RDLENGTH {rdLength} but only {r.Remaining} bytes remain"));
            }
            var end = r.Position + rdLength;
            if (type == DnsRecordType.OPT)
            {
                if (section != "additional") throw WireReader.Error(start, $"an OPT record in the {section} section (it belongs in the additional section)");
                if (edns is not null) throw WireReader.Error(start, "a second OPT record (RFC 6891 allows one)");
                if (name != ".") throw WireReader.Error(start, $"the OPT record's owner is '{name}', not the root");
                edns = EdnsReader.Read(ref r, rclass, ttl, end);
                continue;
            }
            var messageLimit = r.Limit;
            r.Limit = end;
            // RFC 2181 §8: a TTL with the top bit set is treated as zero.
            var ttlSeconds = ttl > int.MaxValue ? 0u : ttl;
            list.Add(RecordDataReader.Read(ref r, name, type, (DnsClass)rclass, ttlSeconds, rdLength));
            if (r.Position != end)
            {
                throw WireReader.Error(r.Position, string.Create(CultureInfo.InvariantCulture,
                    $"{section} record {i + 1} ({DnsNames.TypeText(type)}) leaves {end - r.Position} of its {rdLength} RDATA bytes unread"));
            }
            r.Limit = messageLimit;
        }
        r.Section = null;
        return list;
    }
}
