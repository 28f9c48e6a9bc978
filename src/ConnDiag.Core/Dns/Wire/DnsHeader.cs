using System.Text;

namespace ConnDiag.Dns.Wire;

/// <summary>
/// The 12-byte message header (RFC 1035 §4.1.1; AD and CD from RFC 4035). The counts are the ones on the
/// wire; <see cref="AdditionalCount"/> includes the OPT pseudo-record. <see cref="ResponseCode"/> holds only
/// the 4 header bits: the full code is <see cref="DnsMessage.ResponseCode"/>.
/// </summary>
public sealed record DnsHeader(
    ushort Id,
    bool IsResponse,
    DnsOpCode OpCode,
    bool AuthoritativeAnswer,
    bool Truncated,
    bool RecursionDesired,
    bool RecursionAvailable,
    bool AuthenticData,
    bool CheckingDisabled,
    DnsResponseCode ResponseCode,
    ushort QuestionCount = 1,
    ushort AnswerCount = 0,
    ushort AuthorityCount = 0,
    ushort AdditionalCount = 0)
{
    /// <summary>The set flags as dig prints them: <c>qr aa tc rd ra ad cd</c>.</summary>
    public string Flags
    {
        get
        {
            var sb = new StringBuilder();
            void Add(bool on, string name)
            {
                if (!on) return;
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(name);
            }
            Add(IsResponse, "qr");
            Add(AuthoritativeAnswer, "aa");
            Add(Truncated, "tc");
            Add(RecursionDesired, "rd");
            Add(RecursionAvailable, "ra");
            Add(AuthenticData, "ad");
            Add(CheckingDisabled, "cd");
            return sb.ToString();
        }
    }

    /// <summary>The two flag bytes (QR, OPCODE, AA, TC, RD, RA, Z=0, AD, CD, RCODE).</summary>
    internal ushort PackFlags() =>
        (ushort)((IsResponse ? 0x8000 : 0)
            | (((int)OpCode & 0xF) << 11)
            | (AuthoritativeAnswer ? 0x0400 : 0)
            | (Truncated ? 0x0200 : 0)
            | (RecursionDesired ? 0x0100 : 0)
            | (RecursionAvailable ? 0x0080 : 0)
            | (AuthenticData ? 0x0020 : 0)
            | (CheckingDisabled ? 0x0010 : 0)
            | ((int)ResponseCode & 0xF));

    internal static DnsHeader Unpack(ushort id, ushort flags, ushort qd, ushort an, ushort ns, ushort ar) =>
        new(id,
            (flags & 0x8000) != 0,
            (DnsOpCode)((flags >> 11) & 0xF),
            (flags & 0x0400) != 0,
            (flags & 0x0200) != 0,
            (flags & 0x0100) != 0,
            (flags & 0x0080) != 0,
            (flags & 0x0020) != 0,
            (flags & 0x0010) != 0,
            (DnsResponseCode)(flags & 0xF),
            qd, an, ns, ar);
}
