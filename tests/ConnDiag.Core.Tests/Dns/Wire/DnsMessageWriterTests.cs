using System.Net;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Core.Tests.Dns.Wire;

/// <summary>The writer: compression where RFC 1035 allows it, none for SRV targets, and every type back through the reader.</summary>
public sealed class DnsMessageWriterTests
{
    private static readonly DnsHeader Response = new(7, true, DnsOpCode.Query, true, false, true, true, false, false, DnsResponseCode.NoError);

    [Fact]
    public void Every_record_type_survives_a_round_trip()
    {
        var question = new DnsQuestion("claude.test.", DnsRecordType.ANY);
        DnsRecord[] answers =
        [
            new ARecord("claude.test.", 60, IPAddress.Parse("127.0.0.1")),
            new AaaaRecord("claude.test.", 60, IPAddress.Parse("2001:db8::1")),
            new NsRecord("claude.test.", 60, "ns1.claude.test."),
            new CNameRecord("www.claude.test.", 60, "claude.test."),
            new SoaRecord("claude.test.", 60, "ns1.claude.test.", "hostmaster.claude.test.", 1, 2, 3, 4, 5),
            new PtrRecord("1.0.0.127.in-addr.arpa.", 60, "claude.test."),
            new MxRecord("claude.test.", 60, 10, "mail.claude.test."),
            new TxtRecord("claude.test.", 60, ["one", "two words", "ünïcödé", ""]),
            new SrvRecord("_https._tcp.claude.test.", 60, 1, 2, 443, "claude.test."),
            new CaaRecord("claude.test.", 60, 128, "issue", "ca.example"),
            new UnknownRecord("claude.test.", (DnsRecordType)65280, 60, new byte[] { 9, 8, 7 }),
        ];
        byte[] nsid = [0x61, 0x62];
        var edns = new DnsEdns(4096, 0, true, 0, [new EdnsOption(3, nsid)], []);
        var message = new DnsMessage(Response, question, answers, [answers[4]], [answers[0]], edns);

        var back = DnsMessage.Parse(message.ToWire());

        Assert.Equal(answers.Select(r => r.ToString()), back.Answers.Select(r => r.ToString()));
        Assert.Equal(answers[4].ToString(), Assert.Single(back.Authorities).ToString());
        Assert.Equal(answers[0].ToString(), Assert.Single(back.Additionals).ToString());
        Assert.Equal((4096, true, (ushort)3), (back.Edns!.UdpPayloadSize, back.Edns.DnssecOk, Assert.Single(back.Edns.Options).Code));
        Assert.Equal(nsid, back.Edns.Options[0].Data.ToArray());
        Assert.True(Assert.IsType<CaaRecord>(back.Answers[9]).IssuerCritical);
    }

    [Fact]
    public void Owner_names_and_RFC_1035_RDATA_names_are_compressed_but_SRV_targets_are_not()
    {
        var message = new DnsMessage(Response, new DnsQuestion("claude.test.", DnsRecordType.MX),
            [new MxRecord("claude.test.", 0, 10, "mail.claude.test."), new SrvRecord("_x._tcp.claude.test.", 0, 1, 1, 1, "host.claude.test.")], [], [], null);

        var hex = Hex.Of(message.ToWire());

        // MX: owner c00c, RDLENGTH 9 = preference (2) + "mail" (5) + pointer (2).
        Assert.Contains("c00c000f000100000000" + "0009" + "000a" + "046d61696c" + "c00c", hex);
        // SRV: the owner's "claude.test" suffix is a pointer; the target is written out in full.
        Assert.Contains("025f78045f746370c00c0021", hex);
        Assert.Contains("04686f737406636c61756465047465737400", hex);
    }

    [Fact]
    public void A_response_code_above_15_goes_into_the_OPT_record()
    {
        var message = new DnsMessage(Response with { ResponseCode = DnsResponseCode.BadCookie }, new DnsQuestion("x.", DnsRecordType.A), [], [], [],
            DnsEdns.ForQuery(1232, false));

        var back = DnsMessage.Parse(message.ToWire());

        Assert.Equal(DnsResponseCode.BadCookie, back.ResponseCode);
        Assert.Equal(1, back.Edns!.ExtendedRcodeHigh);
        Assert.Equal((DnsResponseCode)7, back.Header.ResponseCode);
    }

    [Fact]
    public void Content_the_wire_cannot_carry_is_refused()
    {
        var q = new DnsQuestion("x.", DnsRecordType.TXT);
        Assert.Throws<ArgumentException>(() => new DnsMessage(Response, q, [new TxtRecord("x.", 0, [new string('a', 256)])], [], [], null).ToWire());
        Assert.Throws<ArgumentException>(() => new DnsMessage(Response, q, [new TxtRecord("x.", 0, [])], [], [], null).ToWire());
        Assert.Throws<ArgumentException>(() => new DnsMessage(Response, q with { Name = "a..b" }, [], [], [], null).ToWire());
        Assert.Throws<ArgumentException>(() => new DnsMessage(Response with { ResponseCode = DnsResponseCode.BadVers }, q, [], [], [], null).ToWire());
    }
}
