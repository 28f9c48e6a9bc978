using System.Globalization;

namespace ConnDiag.Dns.Wire;

/// <summary>A mail exchanger (type 15); lower <see cref="Preference"/> is tried first.</summary>
public sealed record MxRecord(string Name, uint TtlSeconds, ushort Preference, string Exchange, DnsClass Class = DnsClass.IN)
    : DnsRecord(Name, DnsRecordType.MX, Class, TtlSeconds)
{
    public override string Data => string.Create(CultureInfo.InvariantCulture, $"{Preference} {Exchange}");
}
