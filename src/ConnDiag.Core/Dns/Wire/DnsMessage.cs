namespace ConnDiag.Dns.Wire;

/// <summary>
/// A parsed (or to-be-written) DNS message with exactly one question. The OPT pseudo-record is not in
/// <see cref="Additionals"/>: it is decoded into <see cref="Edns"/>, as dig shows it in its own section.
/// </summary>
public sealed record DnsMessage(
    DnsHeader Header,
    DnsQuestion Question,
    IReadOnlyList<DnsRecord> Answers,
    IReadOnlyList<DnsRecord> Authorities,
    IReadOnlyList<DnsRecord> Additionals,
    DnsEdns? Edns)
{
    /// <summary>The full response code: the OPT record's high bits joined to the header's 4 bits (RFC 6891 §6.1.3).</summary>
    public DnsResponseCode ResponseCode =>
        (DnsResponseCode)(((Edns?.ExtendedRcodeHigh ?? 0) << 4) | ((int)Header.ResponseCode & 0xF));

    /// <summary>Parses a whole message; anything malformed throws <see cref="DnsFormatException"/> and nothing else.</summary>
    public static DnsMessage Parse(ReadOnlySpan<byte> message) => DnsMessageReader.Read(message);

    /// <summary>The wire form, names compressed where RFC 1035 allows it.</summary>
    public byte[] ToWire() => DnsMessageWriter.Write(this);
}
