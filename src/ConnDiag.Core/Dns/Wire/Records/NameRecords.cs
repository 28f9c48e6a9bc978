namespace ConnDiag.Dns.Wire;

/// <summary>A delegation to a name server (type 2).</summary>
public sealed record NsRecord(string Name, uint TtlSeconds, string NameServer, DnsClass Class = DnsClass.IN)
    : DnsRecord(Name, DnsRecordType.NS, Class, TtlSeconds)
{
    public override string Data => NameServer;
}

/// <summary>An alias (type 5): the owner name is another name for <see cref="Target"/>.</summary>
public sealed record CNameRecord(string Name, uint TtlSeconds, string Target, DnsClass Class = DnsClass.IN)
    : DnsRecord(Name, DnsRecordType.CNAME, Class, TtlSeconds)
{
    public override string Data => Target;
}

/// <summary>A pointer (type 12), mostly for reverse lookups in in-addr.arpa and ip6.arpa.</summary>
public sealed record PtrRecord(string Name, uint TtlSeconds, string Target, DnsClass Class = DnsClass.IN)
    : DnsRecord(Name, DnsRecordType.PTR, Class, TtlSeconds)
{
    public override string Data => Target;
}
