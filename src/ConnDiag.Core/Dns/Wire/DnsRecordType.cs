namespace ConnDiag.Dns.Wire;

/// <summary>
/// Resource record types (IANA registry). The members are the types ConnDiag names; any other 16-bit
/// value is still a valid type and is kept as raw data (rendered TYPEnnn, RFC 3597).
/// </summary>
public enum DnsRecordType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    MX = 15,
    TXT = 16,
    AAAA = 28,
    SRV = 33,
    OPT = 41,
    DS = 43,
    RRSIG = 46,
    NSEC = 47,
    DNSKEY = 48,
    SVCB = 64,
    HTTPS = 65,
    ANY = 255,
    CAA = 257,
}
