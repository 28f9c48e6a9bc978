namespace ConnDiag.Dns.Wire;

/// <summary>
/// What the OPT pseudo-record (RFC 6891) carried: the sender's UDP payload size, EDNS version, DO bit, the
/// high bits of the response code, and the options. Extended DNS Errors (RFC 8914) are decoded into
/// <see cref="ExtendedErrors"/> because they explain SERVFAIL and REFUSED answers.
/// </summary>
public sealed record DnsEdns(
    ushort UdpPayloadSize,
    byte Version,
    bool DnssecOk,
    byte ExtendedRcodeHigh,
    IReadOnlyList<EdnsOption> Options,
    IReadOnlyList<ExtendedDnsError> ExtendedErrors)
{
    /// <summary>The payload size ConnDiag offers (DNS Flag Day 2020: avoids IP fragmentation).</summary>
    public const ushort DefaultUdpPayloadSize = 1232;

    /// <summary>EDNS option code of Extended DNS Errors (RFC 8914).</summary>
    public const ushort ExtendedErrorOptionCode = 15;

    /// <summary>EDNS option code of the name server identifier (RFC 5001).</summary>
    public const ushort NsidOptionCode = 3;

    /// <summary>What a query of ours carries: no options beyond the DO bit.</summary>
    public static DnsEdns ForQuery(ushort udpPayloadSize, bool dnssecOk) =>
        new(udpPayloadSize, 0, dnssecOk, 0, [], []);
}

/// <summary>One EDNS option: its code and raw data.</summary>
public sealed record EdnsOption(ushort Code, ReadOnlyMemory<byte> Data)
{
    public int Length => Data.Length;
}

/// <summary>An Extended DNS Error (RFC 8914): INFO-CODE, its registered meaning, and the server's text.</summary>
public sealed record ExtendedDnsError(ushort InfoCode, string Meaning, string ExtraText)
{
    public override string ToString() =>
        ExtraText.Length == 0 ? $"EDE {InfoCode} ({Meaning})" : $"EDE {InfoCode} ({Meaning}): {ExtraText}";
}
