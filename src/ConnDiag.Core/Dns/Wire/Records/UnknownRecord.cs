using System.Globalization;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// A record whose type ConnDiag does not decode (DNSSEC types, SVCB/HTTPS, anything new): the RDATA as
/// received, shown in the generic form of RFC 3597 (<c>\# 4 0a000001</c>).
/// </summary>
public sealed record UnknownRecord(string Name, DnsRecordType Type, uint TtlSeconds, ReadOnlyMemory<byte> RawData, DnsClass Class = DnsClass.IN)
    : DnsRecord(Name, Type, Class, TtlSeconds)
{
    public override string Data =>
        RawData.Length == 0
            ? @"\# 0"
            : string.Create(CultureInfo.InvariantCulture, $@"\# {RawData.Length} {Convert.ToHexString(RawData.Span).ToLowerInvariant()}");
}
