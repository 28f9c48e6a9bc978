namespace ConnDiag.Core.Tests.Dns.Wire;

/// <summary>
/// Hand-built messages, field by field from the RFC 1035 §4.1 layout (offsets in the comments). Each
/// response was cross-checked byte for byte against what dnsmasq 2.90 or named 9.18 sends for the
/// matching query (see <see cref="GoldenPacketTests"/>, which repeats that check against the live servers),
/// and the query against the bytes dig 9.18 sends with +nocookie.
/// </summary>
internal static class GoldenPackets
{
    /// <summary>The OPT record ConnDiag sends: root owner, TYPE 41, CLASS (payload) 1232, TTL 0 (rcode, version, DO off), RDLENGTH 0.</summary>
    private const string Opt1232 = "00 0029 04d0 00000000 0000";

    /// <summary>host.claude.test A, id 0x1234, RD and AD set, EDNS 1232 (what DnsQueryWriter builds and dig +nocookie sends).</summary>
    public static readonly string QueryHostA = $"""
        1234 0120 0001 0000 0000 0001
        04 686f7374 06 636c61756465 04 74657374 00
        0001 0001
        {Opt1232}
        """;

    /// <summary>dnsmasq's answer: QR AA RD RA (0x8580), one A record whose owner points at the question (c00c), TTL 0.</summary>
    public static readonly string ResponseHostA = $"""
        1234 8580 0001 0001 0000 0001
        04 686f7374 06 636c61756465 04 74657374 00  0001 0001
        c00c 0001 0001 00000000 0004 7f000002
        {Opt1232}
        """;

    public static readonly string QueryClaudeMx = $"""
        1234 0120 0001 0000 0000 0001
        06 636c61756465 04 74657374 00  000f 0001
        {Opt1232}
        """;

    /// <summary>dnsmasq's MX answer: owners compressed to the question, exchanges written out in full, preference 20 first.</summary>
    public static readonly string ResponseClaudeMx = $"""
        1234 8580 0001 0002 0000 0001
        06 636c61756465 04 74657374 00  000f 0001
        c00c 000f 0001 00000000 0013  0014 03 6d7832 06 636c61756465 04 74657374 00
        c00c 000f 0001 00000000 0014  000a 04 6d61696c 06 636c61756465 04 74657374 00
        {Opt1232}
        """;

    public static readonly string QueryHttpsSrv = $"""
        1234 0120 0001 0000 0000 0001
        06 5f6874747073 04 5f746370 06 636c61756465 04 74657374 00  0021 0001
        {Opt1232}
        """;

    /// <summary>
    /// dnsmasq's SRV answer (priority 10, weight 5, port 8443 = 0x20fb, target host.claude.test at offset 59 =
    /// 0x3b) with the target's A and AAAA in the additional section, their owners pointing into the SRV's RDATA.
    /// </summary>
    public static readonly string ResponseHttpsSrv = $"""
        1234 8580 0001 0001 0000 0003
        06 5f6874747073 04 5f746370 06 636c61756465 04 74657374 00  0021 0001
        c00c 0021 0001 00000000 0018  000a 0005 20fb 04 686f7374 06 636c61756465 04 74657374 00
        c03b 0001 0001 00000000 0004 7f000002
        c03b 001c 0001 00000000 0010 00000000000000000000000000000002
        {Opt1232}
        """;

    public static readonly string QueryClaudeTxt = $"""
        1234 0120 0001 0000 0000 0001
        06 636c61756465 04 74657374 00  0010 0001
        {Opt1232}
        """;

    /// <summary>Two character-strings in one TXT record: 11 bytes "v=spf1 -all" and 13 bytes "second string".</summary>
    public static readonly string ResponseClaudeTxt = $"""
        1234 8580 0001 0001 0000 0001
        06 636c61756465 04 74657374 00  0010 0001
        c00c 0010 0001 00000000 001a  0b 763d73706631202d616c6c  0d 7365636f6e6420737472696e67
        {Opt1232}
        """;

    public static readonly string QueryAlias2A = $"""
        1234 0120 0001 0000 0000 0001
        06 616c69617332 06 636c61756465 04 74657374 00  0001 0001
        {Opt1232}
        """;

    /// <summary>
    /// A CNAME chain alias2 → alias → host: each next owner is a pointer into the previous record's RDATA
    /// (alias at offset 48 = 0x30, host at 79 = 0x4f).
    /// </summary>
    public static readonly string ResponseAlias2A = $"""
        1234 8580 0001 0003 0000 0001
        06 616c69617332 06 636c61756465 04 74657374 00  0001 0001
        c00c 0005 0001 00000000 0013  05 616c696173 06 636c61756465 04 74657374 00
        c030 0005 0001 00000000 0012  04 686f7374 06 636c61756465 04 74657374 00
        c04f 0001 0001 00000000 0004  7f000002
        {Opt1232}
        """;

    /// <summary>nope.claude.test A to named, RD off (an authoritative server is asked directly).</summary>
    public static readonly string QueryNopeA = $"""
        1234 0020 0001 0000 0000 0001
        04 6e6f7065 06 636c61756465 04 74657374 00  0001 0001
        {Opt1232}
        """;

    /// <summary>
    /// named's NXDOMAIN (0x8403: QR AA, rcode 3) with the zone's SOA in the authority section: owner c011 =
    /// "claude.test" inside the question, TTL 300, MNAME ns1 + pointer, RNAME hostmaster + pointer, serial
    /// 2026010101 (0x78c275f5), refresh 3600, retry 600, expire 86400, minimum 300.
    /// </summary>
    public static readonly string ResponseNopeNxDomain = $"""
        1234 8403 0001 0000 0001 0001
        04 6e6f7065 06 636c61756465 04 74657374 00  0001 0001
        c011 0006 0001 0000012c 0027
          03 6e7331 c011  0a 686f73746d6173746572 c011
          78c275f5 00000e10 00000258 00015180 0000012c
        {Opt1232}
        """;

    /// <summary>Hand-built only: a SERVFAIL with an Extended DNS Error (option 15, INFO-CODE 6 "DNSSEC Bogus", text "sig expired").</summary>
    public const string ResponseServFailEde = """
        beef 8182 0001 0000 0000 0001
        07 6578616d706c65 03 636f6d 00  0001 0001
        00 0029 04d0 00000000 0011  000f 000d 0006 73696720657870697265 64
        """;

    /// <summary>Hand-built only: a truncated answer (TC, 0x8380) with a CAA record: flags 0, tag "issue", value "letsencrypt.org".</summary>
    public const string ResponseTruncatedCaa = """
        0001 8380 0001 0001 0000 0000
        07 6578616d706c65 03 636f6d 00  0101 0001
        c00c 0101 0001 00000e10 0016  00 05 6973737565 6c657473656e63727970742e6f7267
        """;

    /// <summary>Hand-built only: an unknown type (TYPE 65280, private use) whose RDATA is kept as raw bytes, and a TTL with the top bit set.</summary>
    public const string ResponseUnknownType = """
        0002 8180 0001 0001 0000 0000
        07 6578616d706c65 03 636f6d 00  ff00 0001
        c00c ff00 0001 80000000 0003  010203
        """;

    /// <summary>Every golden message (the fuzz test mutates these).</summary>
    public static IReadOnlyList<string> All =>
    [
        QueryHostA, ResponseHostA, QueryClaudeMx, ResponseClaudeMx, QueryHttpsSrv, ResponseHttpsSrv, QueryClaudeTxt, ResponseClaudeTxt,
        QueryAlias2A, ResponseAlias2A, QueryNopeA, ResponseNopeNxDomain, ResponseServFailEde, ResponseTruncatedCaa, ResponseUnknownType,
    ];
}
