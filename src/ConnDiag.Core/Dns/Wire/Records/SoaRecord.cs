using System.Globalization;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// Start of authority (type 6). In a negative answer its <see cref="MinimumTtlSeconds"/> bounds how long
/// resolvers may cache the NXDOMAIN or NODATA (RFC 2308 §5).
/// </summary>
public sealed record SoaRecord(
    string Name,
    uint TtlSeconds,
    string PrimaryServer,
    string ResponsibleMailbox,
    uint Serial,
    uint RefreshSeconds,
    uint RetrySeconds,
    uint ExpireSeconds,
    uint MinimumTtlSeconds,
    DnsClass Class = DnsClass.IN)
    : DnsRecord(Name, DnsRecordType.SOA, Class, TtlSeconds)
{
    public override string Data =>
        string.Create(CultureInfo.InvariantCulture, $"{PrimaryServer} {ResponsibleMailbox} {Serial} {RefreshSeconds} {RetrySeconds} {ExpireSeconds} {MinimumTtlSeconds}");

    /// <summary>How long a negative answer carrying this SOA may be cached: min(SOA TTL, MINIMUM) (RFC 2308 §5).</summary>
    public uint NegativeTtlSeconds => Math.Min(TtlSeconds, MinimumTtlSeconds);
}
