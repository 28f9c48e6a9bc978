namespace ConnDiag.Dns.Wire;

/// <summary>Header OPCODE (RFC 1035, 1996, 2136, 8490).</summary>
public enum DnsOpCode : byte
{
    Query = 0,
    IQuery = 1,
    Status = 2,
    Notify = 4,
    Update = 5,
    Dso = 6,
}
