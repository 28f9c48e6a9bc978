using System.Globalization;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// A service location (type 33, RFC 2782). Owner <c>_service._proto.name</c>; a <see cref="Target"/> of
/// <c>.</c> says the service is decidedly not available there.
/// </summary>
public sealed record SrvRecord(string Name, uint TtlSeconds, ushort Priority, ushort Weight, ushort Port, string Target, DnsClass Class = DnsClass.IN)
    : DnsRecord(Name, DnsRecordType.SRV, Class, TtlSeconds)
{
    public override string Data => string.Create(CultureInfo.InvariantCulture, $"{Priority} {Weight} {Port} {Target}");
}
