using System.Globalization;

namespace ConnDiag.Dns.Wire;

/// <summary>Decodes the OPT pseudo-record's fields and options (RFC 6891 §6.1.2, RFC 8914 for option 15).</summary>
internal static class EdnsReader
{
    public static DnsEdns Read(ref WireReader r, ushort udpPayloadSize, uint ttl, int end)
    {
        var messageLimit = r.Limit;
        r.Limit = end;
        // Most responses carry no option: no list is made for them.
        List<EdnsOption>? options = null;
        List<ExtendedDnsError>? errors = null;
        while (r.Position < end)
        {
            var at = r.Position;
            var code = r.ReadUInt16("EDNS option code");
            var length = r.ReadUInt16("EDNS option length");
            var data = r.ReadBytes(length, "EDNS option data");
            (options ??= []).Add(new EdnsOption(code, data.ToArray()));
            if (code == DnsEdns.ExtendedErrorOptionCode)
            {
                if (length < 2) throw WireReader.Error(at, $"an Extended DNS Error option of {length} bytes has no INFO-CODE");
                var info = (ushort)((data[0] << 8) | data[1]);
                (errors ??= []).Add(new ExtendedDnsError(info, DnsNames.ExtendedErrorMeaning(info), DnsNames.CharacterString(data[2..]).TrimEnd('\0')));
            }
        }
        r.Limit = messageLimit;
        return new DnsEdns(
            udpPayloadSize,
            (byte)((ttl >> 16) & 0xFF),
            (ttl & 0x8000) != 0,
            (byte)(ttl >> 24),
            options ?? (IReadOnlyList<EdnsOption>)[],
            errors ?? (IReadOnlyList<ExtendedDnsError>)[]);
    }
}
