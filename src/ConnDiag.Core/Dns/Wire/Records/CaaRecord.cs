using System.Globalization;

namespace ConnDiag.Dns.Wire;

/// <summary>Certification authority authorization (type 257, RFC 8659): which CAs may issue for the name.</summary>
public sealed record CaaRecord(string Name, uint TtlSeconds, byte Flags, string Tag, string Value, DnsClass Class = DnsClass.IN)
    : DnsRecord(Name, DnsRecordType.CAA, Class, TtlSeconds)
{
    /// <summary>The issuer-critical flag (bit 128): a CA that does not understand the tag must not issue.</summary>
    public bool IssuerCritical => (Flags & 0x80) != 0;

    public override string Data => string.Create(CultureInfo.InvariantCulture, $"{Flags} {Tag} {TxtRecord.Quote(Value)}");
}
