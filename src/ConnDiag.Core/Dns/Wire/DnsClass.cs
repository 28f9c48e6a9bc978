namespace ConnDiag.Dns.Wire;

/// <summary>Record classes (RFC 1035 §3.2.4); IN is the one everything uses, CH serves server identity queries.</summary>
public enum DnsClass : ushort
{
    IN = 1,
    CH = 3,
    HS = 4,
    NONE = 254,
    ANY = 255,
}
