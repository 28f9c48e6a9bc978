using System.Globalization;
using System.Net;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// Decodes RDATA by type. The reader's limit is the end of this record's RDATA, so a field that would run
/// past it fails; the caller then checks that every RDATA byte was used.
/// </summary>
internal static class RecordDataReader
{
    public static DnsRecord Read(ref WireReader r, string name, DnsRecordType type, DnsClass rclass, uint ttl, ushort rdLength)
    {
        var at = r.Position;
        switch (type)
        {
            case DnsRecordType.A:
                ExpectLength(at, type, rdLength, 4);
                return new ARecord(name, ttl, new IPAddress(r.ReadBytes(4, "A address")), rclass);
            case DnsRecordType.AAAA:
                ExpectLength(at, type, rdLength, 16);
                return new AaaaRecord(name, ttl, new IPAddress(r.ReadBytes(16, "AAAA address")), rclass);
            case DnsRecordType.NS:
                return new NsRecord(name, ttl, r.ReadName("NS target"), rclass);
            case DnsRecordType.CNAME:
                return new CNameRecord(name, ttl, r.ReadName("CNAME target"), rclass);
            case DnsRecordType.PTR:
                return new PtrRecord(name, ttl, r.ReadName("PTR target"), rclass);
            case DnsRecordType.SOA:
                return new SoaRecord(name, ttl,
                    r.ReadName("SOA MNAME"), r.ReadName("SOA RNAME"),
                    r.ReadUInt32("SOA SERIAL"), r.ReadUInt32("SOA REFRESH"), r.ReadUInt32("SOA RETRY"),
                    r.ReadUInt32("SOA EXPIRE"), r.ReadUInt32("SOA MINIMUM"), rclass);
            case DnsRecordType.MX:
                return new MxRecord(name, ttl, r.ReadUInt16("MX preference"), r.ReadName("MX exchange"), rclass);
            case DnsRecordType.SRV:
                // RFC 2782 forbids compressing the target; tolerating it costs nothing and breaks nobody.
                return new SrvRecord(name, ttl, r.ReadUInt16("SRV priority"), r.ReadUInt16("SRV weight"), r.ReadUInt16("SRV port"), r.ReadName("SRV target"), rclass);
            case DnsRecordType.TXT:
                return ReadTxt(ref r, name, ttl, rclass, rdLength, at);
            case DnsRecordType.CAA:
                return ReadCaa(ref r, name, ttl, rclass, rdLength, at);
            default:
                return new UnknownRecord(name, type, ttl, r.ReadBytes(rdLength, "data").ToArray(), rclass);
        }
    }

    private static TxtRecord ReadTxt(ref WireReader r, string name, uint ttl, DnsClass rclass, ushort rdLength, int at)
    {
        if (rdLength == 0) throw WireReader.Error(at, "a TXT record with no character-string (RFC 1035 requires one or more)");
        var strings = new List<string>();
        while (r.Remaining > 0)
        {
            var len = r.ReadByte("TXT string length");
            strings.Add(DnsNames.CharacterString(r.ReadBytes(len, "TXT string")));
        }
        return new TxtRecord(name, ttl, strings, rclass);
    }

    private static CaaRecord ReadCaa(ref WireReader r, string name, uint ttl, DnsClass rclass, ushort rdLength, int at)
    {
        var flags = r.ReadByte("CAA flags");
        var tagLength = r.ReadByte("CAA tag length");
        if (tagLength == 0) throw WireReader.Error(at + 1, "a CAA record with an empty tag");
        var tag = DnsNames.CharacterString(r.ReadBytes(tagLength, "CAA tag"));
        var value = DnsNames.CharacterString(r.ReadBytes(r.Remaining, "CAA value"));
        return new CaaRecord(name, ttl, flags, tag, value, rclass);
    }

    private static void ExpectLength(int at, DnsRecordType type, ushort rdLength, int expected)
    {
        if (rdLength != expected)
        {
            throw WireReader.Error(at, string.Create(CultureInfo.InvariantCulture,
                $"an {DnsNames.TypeText(type)} record needs {expected} bytes of data, not {rdLength}"));
        }
    }
}
