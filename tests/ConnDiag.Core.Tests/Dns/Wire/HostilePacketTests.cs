using ConnDiag.Dns.Wire;

namespace ConnDiag.Core.Tests.Dns.Wire;

/// <summary>
/// Messages built to break a naive reader: compression pointers to themselves, forward or in a loop, labels
/// and names over their limits, RDLENGTH running past the message or the record, wrong question counts, two
/// OPT records. Each fails with DnsFormatException naming the offset and the rule, and nothing else.
/// </summary>
public sealed class HostilePacketTests
{
    private const string Header1 = "dead 8180 0001";

    private static DnsFormatException Rejects(string hex, int offset, string reason)
    {
        var ex = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(Hex.Bytes(hex)));
        Assert.Contains(reason, ex.Reason);
        Assert.Equal(offset, ex.Offset);
        Assert.StartsWith($"malformed DNS message at offset {offset}: ", ex.Message);
        return ex;
    }

    [Fact]
    public void A_pointer_to_itself()
    {
        // The question name at offset 12 is a pointer to offset 12.
        Rejects($"{Header1} 0000 0000 0000  c00c 0001 0001", 12, "points at itself");
    }

    [Fact]
    public void A_forward_pointer()
    {
        Rejects($"{Header1} 0000 0000 0000  c010 0001 0001  01 61 00", 12, "points forward (to offset 16)");
    }

    [Fact]
    public void A_label_followed_by_a_pointer_back_to_its_own_start_is_a_loop()
    {
        // 12: label "a", 14: pointer to 12, which would read "a" again for ever.
        Rejects($"{Header1} 0000 0000 0000  01 61 c00c 0001 0001", 14, "does not point before the labels it was reached from");
    }

    [Fact]
    public void Two_pointers_that_point_at_each_other()
    {
        // 12: label "a" then a pointer to 19; 19 (the answer's owner): a pointer back to 12. Following them
        // would loop a → 19 → 12 → a ...; the pointer at 14 is refused because it points forward.
        Rejects($"dead 8180 0001 0001 0000 0000  01 61 c013 0001 0001  c00c 0001 0001 00000000 0000", 14, "points forward (to offset 19)");
    }

    [Fact]
    public void A_label_of_64_bytes()
    {
        Rejects($"{Header1} 0000 0000 0000  40 {string.Concat(Enumerable.Repeat("61", 64))} 00 0001 0001", 12, "a label of 64 or more bytes");
    }

    [Fact]
    public void The_reserved_10_label_type()
    {
        Rejects($"{Header1} 0000 0000 0000  80 00 0001 0001", 12, "reserved label type 10");
    }

    [Fact]
    public void A_name_over_255_bytes_written_out()
    {
        var label63 = "3f" + string.Concat(Enumerable.Repeat("61", 63));
        // Four 63-byte labels are 256 bytes before the root's zero.
        Rejects($"{Header1} 0000 0000 0000  {label63}{label63}{label63}{label63} 00 0001 0001", 12 + 192, "longer than 255 bytes");
    }

    [Fact]
    public void A_name_over_255_bytes_assembled_from_backward_pointers()
    {
        var label63 = "3f" + string.Concat(Enumerable.Repeat("61", 63));
        // Question at 12: one 63-byte label (65 bytes with the root). Answer 1's owner (at 81): a label plus a
        // pointer to 12 (129 bytes); answer 2's (at 157): a label plus a pointer to 81 (193); answer 3's (at 233):
        // a label plus a pointer to 157: 257 bytes, found over the limit at the last hop, back at offset 12.
        // The records are type NULL (10), whose empty RDATA is legal.
        const string rest = "000a 0001 00000000 0000";
        Rejects($"dead 8180 0001 0003 0000 0000  {label63} 00 0001 0001  {label63} c00c {rest}  {label63} c051 {rest}  {label63} c09d {rest}",
            12, "longer than 255 bytes");
    }

    [Fact]
    public void RDLENGTH_running_past_the_message()
    {
        Rejects($"dead 8180 0001 0001 0000 0000  01 78 00 0001 0001  c00c 0001 0001 00000000 00ff 7f000001", 29, "RDLENGTH 255 but only 4 bytes remain");
    }

    [Fact]
    public void RDLENGTH_that_does_not_fit_the_type()
    {
        Rejects($"dead 8180 0001 0001 0000 0000  01 78 00 0001 0001  c00c 0001 0001 00000000 0005 7f00000100", 31, "needs 4 bytes of data, not 5");
    }

    [Fact]
    public void A_name_in_RDATA_that_runs_past_the_record_data()
    {
        // MX with RDLENGTH 4: preference, then a name "mail..." whose bytes belong to the next field.
        Rejects($"dead 8180 0001 0001 0000 0000  01 78 00 000f 0001  c00c 000f 0001 00000000 0004 000a 04 6d61696c 00", 33, "runs past the end of the record data");
    }

    [Fact]
    public void RDATA_bytes_left_unread()
    {
        // A CNAME whose RDLENGTH says 5 but whose name ends after 3.
        Rejects($"dead 8180 0001 0001 0000 0000  01 78 00 0005 0001  c00c 0005 0001 00000000 0005 01 79 00 ffff", 34, "leaves 2 of its 5 RDATA bytes unread");
    }

    [Theory]
    [InlineData("0000", 0)]
    [InlineData("0002", 2)]
    public void QDCOUNT_other_than_one(string qdcount, int value)
    {
        Rejects($"dead 8180 {qdcount} 0000 0000 0000  01 78 00 0001 0001", 4, $"QDCOUNT is {value}");
    }

    [Fact]
    public void Two_OPT_records()
    {
        Rejects($"dead 8180 0001 0000 0000 0002  01 78 00 0001 0001  00 0029 04d0 00000000 0000  00 0029 04d0 00000000 0000", 30, "a second OPT record");
    }

    [Fact]
    public void An_OPT_record_in_the_answer_section()
    {
        Rejects($"dead 8180 0001 0001 0000 0000  01 78 00 0001 0001  00 0029 04d0 00000000 0000", 19, "OPT record in the answer section");
    }

    [Fact]
    public void An_OPT_record_not_owned_by_the_root()
    {
        Rejects($"dead 8180 0001 0000 0000 0001  01 78 00 0001 0001  c00c 0029 04d0 00000000 0000", 19, "not the root");
    }

    [Fact]
    public void An_EDNS_option_longer_than_the_OPT_data()
    {
        Rejects($"dead 8180 0001 0000 0000 0001  01 78 00 0001 0001  00 0029 04d0 00000000 0006  000f 0010 0006", 34, "EDNS option data needs 16 bytes but only 2 remain");
    }

    [Fact]
    public void An_Extended_DNS_Error_without_an_INFO_CODE()
    {
        Rejects($"dead 8180 0001 0000 0000 0001  01 78 00 0001 0001  00 0029 04d0 00000000 0005  000f 0001 06", 30, "has no INFO-CODE");
    }

    [Fact]
    public void A_message_shorter_than_the_header()
    {
        Rejects("dead 8180 0001", 0, "shorter than the 12-byte header");
    }

    [Fact]
    public void Counts_that_cannot_fit_the_message()
    {
        Rejects($"dead 8180 0001 ffff 0000 0000  01 78 00 0001 0001  c00c 0001 0001 00000000 0004 7f000001", 19, "claims 65535 records");
    }

    [Fact]
    public void Bytes_after_the_last_record()
    {
        Rejects($"dead 8180 0001 0000 0000 0000  01 78 00 0001 0001  00", 19, "1 bytes follow the last record");
    }

    [Fact]
    public void A_compression_pointer_cut_off_by_the_end()
    {
        Rejects($"{Header1} 0000 0000 0000  01 78 c0", 14, "compression pointer is cut off");
    }

    [Fact]
    public void A_TXT_record_without_any_string()
    {
        Rejects($"dead 8180 0001 0001 0000 0000  01 78 00 0010 0001  c00c 0010 0001 00000000 0000", 31, "no character-string");
    }

    [Fact]
    public void A_TXT_string_longer_than_its_record()
    {
        Rejects($"dead 8180 0001 0001 0000 0000  01 78 00 0010 0001  c00c 0010 0001 00000000 0003 05 6162 c00c", 32, "answer record 1 TXT string needs 5 bytes but only 2 remain in the record data");
    }
}
