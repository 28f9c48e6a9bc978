using ConnDiag.Dns.Wire;

namespace ConnDiag.Core.Tests.Dns.Wire;

/// <summary>Names between presentation text and wire form: escapes, limits, IDN, and what the reader makes of odd labels.</summary>
public sealed class DnsNameTests
{
    [Theory]
    [InlineData("claude.test", "claude.test.", "06636c61756465047465737400")]
    [InlineData("claude.test.", "claude.test.", "06636c61756465047465737400")]
    [InlineData(".", ".", "00")]
    [InlineData("a\\.b.test", "a\\.b.test.", "03612e62047465737400")]
    [InlineData("x\\032y", "x\\032y.", "0378207900")]
    [InlineData("\\065", "A.", "014100")]
    [InlineData("_https._tcp.claude.test", "_https._tcp.claude.test.", "065f6874747073045f74637006636c61756465047465737400")]
    public void Parses_text_into_wire_and_canonical_text(string text, string canonical, string wire)
    {
        var name = DnsName.Parse(text);

        Assert.Equal(canonical, name.Text);
        Assert.Equal(wire, Hex.Of(name.Wire.Span));
    }

    [Fact]
    public void Unicode_names_become_A_labels()
    {
        Assert.Equal("xn--bcher-kva.example.", DnsName.Parse("bücher.example").Text);
    }

    [Theory]
    [InlineData("", "empty name")]
    [InlineData("a..b", "empty label")]
    [InlineData(".a", "empty label")]
    [InlineData("a b", "space")]
    [InlineData("a\\", "lone backslash")]
    [InlineData("a\\25", "three digits")]
    [InlineData("a\\256", "above 255")]
    public void Refuses_malformed_text_with_the_reason(string text, string reason)
    {
        Assert.False(DnsName.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
        Assert.Contains(reason, Assert.Throws<ArgumentException>(() => DnsName.Parse(text)).Message);
    }

    [Fact]
    public void A_label_of_63_is_allowed_and_64_is_not()
    {
        Assert.True(DnsName.TryParse(new string('a', 63) + ".test", out _, out _));
        Assert.False(DnsName.TryParse(new string('a', 64) + ".test", out _, out var error));
        Assert.Contains("longer than 63", error);
    }

    [Fact]
    public void A_name_of_255_wire_bytes_is_allowed_and_256_is_not()
    {
        var label = new string('a', 63);
        // 3 × (1 + 63) + (1 + 61) + 1 = 255.
        Assert.True(DnsName.TryParse($"{label}.{label}.{label}.{new string('a', 61)}", out var max, out _));
        Assert.Equal(255, max!.Wire.Length);
        Assert.False(DnsName.TryParse($"{label}.{label}.{label}.{new string('a', 62)}", out _, out var error));
        Assert.Contains("256 bytes long on the wire", error);
    }

    [Fact]
    public void The_reader_escapes_bytes_that_are_not_printable_and_zone_file_specials()
    {
        // Question name with labels "a.b" (a dot inside), "x y" and 0xff.
        var m = DnsMessage.Parse(Hex.Bytes("0001 0100 0001 0000 0000 0000  03 612e62 03 782079 01 ff 00 0001 0001"));

        Assert.Equal("a\\.b.x\\032y.\\255.", m.Question.Name);
        Assert.Equal(m.Question.Name, DnsName.Parse(m.Question.Name).Text);
    }

    [Fact]
    public void A_valid_chain_of_three_backward_pointers_reads_as_one_name()
    {
        // Question "c." at 12; answer 1's owner at 19: "b" + pointer to 12; answer 2's owner at 33:
        // "a" + pointer to 19: reads a.b.c. through two hops.
        var m = DnsMessage.Parse(Hex.Bytes(
            "0001 8180 0001 0002 0000 0000  01 63 00 0001 0001  01 62 c00c 000a 0001 00000000 0000  01 61 c013 000a 0001 00000000 0000"));

        Assert.Equal(["b.c.", "a.b.c."], m.Answers.Select(r => r.Name));
    }

    [Theory]
    [InlineData("A", DnsRecordType.A)]
    [InlineData("aaaa", DnsRecordType.AAAA)]
    [InlineData("Caa", DnsRecordType.CAA)]
    [InlineData("TYPE65", DnsRecordType.HTTPS)]
    [InlineData("type65280", (DnsRecordType)65280)]
    public void Record_types_parse_by_name_or_number(string text, DnsRecordType expected)
    {
        Assert.True(DnsNames.TryParseType(text, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("A AAAA")]
    [InlineData("TYPE70000")]
    [InlineData("BOGUS")]
    public void Unknown_type_names_are_refused(string text)
    {
        Assert.False(DnsNames.TryParseType(text, out _));
    }

    [Fact]
    public void Codes_and_types_have_dig_style_text()
    {
        Assert.Equal("NXDOMAIN", DnsNames.ResponseCodeText(DnsResponseCode.NXDomain));
        Assert.Equal("RCODE99", DnsNames.ResponseCodeText((DnsResponseCode)99));
        Assert.Equal("TYPE99", DnsNames.TypeText((DnsRecordType)99));
        Assert.Equal("Blocked", DnsNames.ExtendedErrorMeaning(15));
        Assert.Equal("Unassigned", DnsNames.ExtendedErrorMeaning(999));
    }
}
