namespace ConnDiag.Dns.Wire;

/// <summary>The question (RFC 1035 §4.1.2). <see cref="Name"/> is absolute presentation text with a trailing dot.</summary>
public sealed record DnsQuestion(string Name, DnsRecordType Type, DnsClass Class = DnsClass.IN)
{
    public override string ToString() => $"{Name} {DnsNames.ClassText(Class)} {DnsNames.TypeText(Type)}";
}
