using System.Globalization;
using System.Text.Json.Serialization;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// A resource record. The typed subclasses carry the decoded RDATA; <see cref="Data"/> is the RDATA as dig
/// prints it, the same for every type, so a table can show any record in one column.
/// </summary>
/// <param name="Name">Owner name, absolute, with a trailing dot.</param>
/// <param name="Type">Record type.</param>
/// <param name="Class">Record class (IN for nearly everything).</param>
/// <param name="TtlSeconds">Time to live in seconds (a value with the top bit set reads as 0, RFC 2181 §8).</param>
[JsonDerivedType(typeof(ARecord))]
[JsonDerivedType(typeof(AaaaRecord))]
[JsonDerivedType(typeof(NsRecord))]
[JsonDerivedType(typeof(CNameRecord))]
[JsonDerivedType(typeof(SoaRecord))]
[JsonDerivedType(typeof(PtrRecord))]
[JsonDerivedType(typeof(MxRecord))]
[JsonDerivedType(typeof(TxtRecord))]
[JsonDerivedType(typeof(SrvRecord))]
[JsonDerivedType(typeof(CaaRecord))]
[JsonDerivedType(typeof(UnknownRecord))]
public abstract record DnsRecord(string Name, DnsRecordType Type, DnsClass Class, uint TtlSeconds)
{
    /// <summary>The RDATA in presentation form (<c>127.0.0.1</c>, <c>10 mail.example.</c>, <c>"v=spf1 -all"</c>).</summary>
    public abstract string Data { get; }

    /// <summary>One zone-file line: <c>claude.test. 300 IN A 127.0.0.1</c>.</summary>
    // Sealed, or every subclass would synthesize its own member dump instead.
    public sealed override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} {TtlSeconds} {DnsNames.ClassText(Class)} {DnsNames.TypeText(Type)} {Data}");
}
