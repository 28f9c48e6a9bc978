using System.Net;

namespace ConnDiag.Dns.Wire;

/// <summary>An IPv4 address record (type 1).</summary>
public sealed record ARecord(string Name, uint TtlSeconds, IPAddress Address, DnsClass Class = DnsClass.IN)
    : DnsRecord(Name, DnsRecordType.A, Class, TtlSeconds)
{
    public override string Data => Address.ToString();
}

/// <summary>An IPv6 address record (type 28, RFC 3596).</summary>
public sealed record AaaaRecord(string Name, uint TtlSeconds, IPAddress Address, DnsClass Class = DnsClass.IN)
    : DnsRecord(Name, DnsRecordType.AAAA, Class, TtlSeconds)
{
    public override string Data => Address.ToString();
}
