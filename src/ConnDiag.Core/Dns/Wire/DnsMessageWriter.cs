using System.Text;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// Encodes a <see cref="DnsMessage"/>. The counts come from the lists (the header's counts are ignored) and
/// the OPT record is written last from <see cref="DnsMessage.Edns"/>. Owner names and the names inside the
/// RFC 1035 types (NS, CNAME, PTR, SOA, MX) are compressed; SRV targets are not (RFC 2782).
/// Invalid content (a bad name, a string over 255 bytes) throws <see cref="ArgumentException"/>.
/// </summary>
internal static class DnsMessageWriter
{
    public static byte[] Write(DnsMessage m)
    {
        var w = new WireWriter();
        var h = m.Header;
        w.WriteUInt16(h.Id);
        // A code above 15 may be given whole in the header; its high bits then go into the OPT record.
        var rcode = (int)h.ResponseCode > 0xF ? (int)h.ResponseCode : (int)m.ResponseCode;
        if (rcode > 0xF && m.Edns is null) throw new ArgumentException($"response code {rcode} needs an OPT record for its high bits");
        w.WriteUInt16((ushort)(h.PackFlags() & 0xFFF0 | (rcode & 0xF)));
        w.WriteUInt16(1);
        w.WriteUInt16(Count(m.Answers.Count));
        w.WriteUInt16(Count(m.Authorities.Count));
        w.WriteUInt16(Count(m.Additionals.Count + (m.Edns is null ? 0 : 1)));

        w.WriteName(m.Question.Name, compress: true);
        w.WriteUInt16((ushort)m.Question.Type);
        w.WriteUInt16((ushort)m.Question.Class);

        foreach (var r in m.Answers) WriteRecord(w, r);
        foreach (var r in m.Authorities) WriteRecord(w, r);
        foreach (var r in m.Additionals) WriteRecord(w, r);
        if (m.Edns is { } e) WriteOpt(w, e, (ushort)rcode);
        return w.ToArray();
    }

    private static ushort Count(int n) => n <= ushort.MaxValue ? (ushort)n : throw new ArgumentException($"{n} records do not fit a 16-bit count");

    private static void WriteRecord(WireWriter w, DnsRecord r)
    {
        w.WriteName(r.Name, compress: true);
        w.WriteUInt16((ushort)r.Type);
        w.WriteUInt16((ushort)r.Class);
        w.WriteUInt32(r.TtlSeconds);
        var lengthAt = w.Length;
        w.WriteUInt16(0);
        var start = w.Length;
        switch (r)
        {
            case ARecord a:
                w.WriteBytes(AddressBytes(a.Address, 4));
                break;
            case AaaaRecord a:
                w.WriteBytes(AddressBytes(a.Address, 16));
                break;
            case NsRecord ns:
                w.WriteName(ns.NameServer, compress: true);
                break;
            case CNameRecord c:
                w.WriteName(c.Target, compress: true);
                break;
            case PtrRecord p:
                w.WriteName(p.Target, compress: true);
                break;
            case SoaRecord s:
                w.WriteName(s.PrimaryServer, compress: true);
                w.WriteName(s.ResponsibleMailbox, compress: true);
                w.WriteUInt32(s.Serial);
                w.WriteUInt32(s.RefreshSeconds);
                w.WriteUInt32(s.RetrySeconds);
                w.WriteUInt32(s.ExpireSeconds);
                w.WriteUInt32(s.MinimumTtlSeconds);
                break;
            case MxRecord mx:
                w.WriteUInt16(mx.Preference);
                w.WriteName(mx.Exchange, compress: true);
                break;
            case SrvRecord srv:
                w.WriteUInt16(srv.Priority);
                w.WriteUInt16(srv.Weight);
                w.WriteUInt16(srv.Port);
                w.WriteName(srv.Target, compress: false);
                break;
            case TxtRecord t:
                if (t.Strings.Count == 0) throw new ArgumentException("a TXT record needs at least one string");
                foreach (var s in t.Strings) WriteCharacterString(w, s);
                break;
            case CaaRecord caa:
                w.WriteByte(caa.Flags);
                var tag = Encoding.ASCII.GetBytes(caa.Tag);
                if (tag.Length is 0 or > 255) throw new ArgumentException("a CAA tag has 1 to 255 bytes");
                w.WriteByte((byte)tag.Length);
                w.WriteBytes(tag);
                w.WriteBytes(Encoding.UTF8.GetBytes(caa.Value));
                break;
            case UnknownRecord u:
                w.WriteBytes(u.RawData.Span);
                break;
            default:
                throw new ArgumentException($"no encoder for {r.GetType().Name}");
        }
        var length = w.Length - start;
        if (length > ushort.MaxValue) throw new ArgumentException($"RDATA of {length} bytes does not fit RDLENGTH");
        w.PatchUInt16(lengthAt, (ushort)length);
    }

    private static void WriteOpt(WireWriter w, DnsEdns e, ushort rcode)
    {
        w.WriteByte(0);
        w.WriteUInt16((ushort)DnsRecordType.OPT);
        w.WriteUInt16(e.UdpPayloadSize);
        var high = (uint)(rcode >> 4) & 0xFF;
        w.WriteUInt32((high << 24) | ((uint)e.Version << 16) | (e.DnssecOk ? 0x8000u : 0));
        var lengthAt = w.Length;
        w.WriteUInt16(0);
        var start = w.Length;
        foreach (var o in e.Options)
        {
            w.WriteUInt16(o.Code);
            w.WriteUInt16((ushort)o.Data.Length);
            w.WriteBytes(o.Data.Span);
        }
        w.PatchUInt16(lengthAt, (ushort)(w.Length - start));
    }

    private static void WriteCharacterString(WireWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        if (bytes.Length > 255) throw new ArgumentException($"a character-string has at most 255 bytes, this one {bytes.Length}");
        w.WriteByte((byte)bytes.Length);
        w.WriteBytes(bytes);
    }

    private static byte[] AddressBytes(System.Net.IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        return bytes.Length == length ? bytes : throw new ArgumentException($"{address} is not a {length}-byte address");
    }
}
