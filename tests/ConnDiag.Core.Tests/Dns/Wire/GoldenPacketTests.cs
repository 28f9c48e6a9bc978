using System.Net;
using System.Net.Sockets;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Dns.Wire;

namespace ConnDiag.Core.Tests.Dns.Wire;

/// <summary>The golden messages decode to exactly what their layout says, encode back, and match the live servers.</summary>
public sealed class GoldenPacketTests : IDisposable
{
    private readonly Lazy<DnsmasqServer> _dnsmasq = new(() => DnsmasqServer.Start());
    private readonly Lazy<NamedServer> _named = new(NamedServer.Start);

    private static DnsMessage Parse(string hex) => DnsMessage.Parse(Hex.Bytes(hex));

    [Fact]
    public void The_query_decodes_field_by_field()
    {
        var m = Parse(GoldenPackets.QueryHostA);

        Assert.Equal(0x1234, m.Header.Id);
        Assert.False(m.Header.IsResponse);
        Assert.Equal(DnsOpCode.Query, m.Header.OpCode);
        Assert.True(m.Header.RecursionDesired);
        Assert.True(m.Header.AuthenticData);
        Assert.Equal("rd ad", m.Header.Flags);
        Assert.Equal(new DnsQuestion("host.claude.test.", DnsRecordType.A, DnsClass.IN), m.Question);
        Assert.Empty(m.Answers);
        Assert.Empty(m.Additionals);
        Assert.Equal(new DnsEdns(1232, 0, false, 0, [], []) with { Options = m.Edns!.Options, ExtendedErrors = m.Edns.ExtendedErrors }, m.Edns);
        Assert.Empty(m.Edns.Options);
        Assert.Equal(1, m.Header.AdditionalCount);
    }

    [Fact]
    public void The_query_writer_builds_the_golden_query()
    {
        var bytes = DnsQueryWriter.Build(0x1234, DnsName.Parse("host.claude.test"), DnsRecordType.A, recursionDesired: true, DnsEdns.ForQuery(1232, false));

        Assert.Equal(Hex.Of(Hex.Bytes(GoldenPackets.QueryHostA)), Hex.Of(bytes));
    }

    [Fact]
    public void The_A_answer_decodes_and_encodes_back_to_the_same_bytes()
    {
        var m = Parse(GoldenPackets.ResponseHostA);

        Assert.Equal("qr aa rd ra", m.Header.Flags);
        Assert.Equal(DnsResponseCode.NoError, m.ResponseCode);
        var a = Assert.IsType<ARecord>(Assert.Single(m.Answers));
        Assert.Equal(new ARecord("host.claude.test.", 0, IPAddress.Parse("127.0.0.2")), a);
        Assert.Equal("host.claude.test. 0 IN A 127.0.0.2", a.ToString());
        Assert.Equal(Hex.Of(Hex.Bytes(GoldenPackets.ResponseHostA)), Hex.Of(m.ToWire()));
    }

    [Fact]
    public void MX_records_keep_their_order_and_uncompressed_exchanges_read_the_same()
    {
        var m = Parse(GoldenPackets.ResponseClaudeMx);

        Assert.Equal(
            [new MxRecord("claude.test.", 0, 20, "mx2.claude.test."), new MxRecord("claude.test.", 0, 10, "mail.claude.test.")],
            m.Answers.Cast<MxRecord>());
    }

    [Fact]
    public void SRV_with_additional_records_whose_owners_point_into_its_RDATA()
    {
        var m = Parse(GoldenPackets.ResponseHttpsSrv);

        Assert.Equal(new SrvRecord("_https._tcp.claude.test.", 0, 10, 5, 8443, "host.claude.test."), Assert.Single(m.Answers));
        Assert.Equal(["host.claude.test. 0 IN A 127.0.0.2", "host.claude.test. 0 IN AAAA ::2"], m.Additionals.Select(r => r.ToString()));
        Assert.NotNull(m.Edns);
    }

    [Fact]
    public void TXT_with_two_strings()
    {
        var txt = Assert.IsType<TxtRecord>(Assert.Single(Parse(GoldenPackets.ResponseClaudeTxt).Answers));

        Assert.Equal(["v=spf1 -all", "second string"], txt.Strings);
    }

    [Fact]
    public void A_CNAME_chain_whose_owners_point_into_earlier_RDATA()
    {
        var m = Parse(GoldenPackets.ResponseAlias2A);

        Assert.Equal(
            ["alias2.claude.test. 0 IN CNAME alias.claude.test.", "alias.claude.test. 0 IN CNAME host.claude.test.", "host.claude.test. 0 IN A 127.0.0.2"],
            m.Answers.Select(r => r.ToString()));
    }

    [Fact]
    public void NXDOMAIN_with_the_SOA_decodes_and_encodes_back_to_the_same_bytes()
    {
        var m = Parse(GoldenPackets.ResponseNopeNxDomain);

        Assert.Equal(DnsResponseCode.NXDomain, m.ResponseCode);
        Assert.Equal("qr aa", m.Header.Flags);
        var soa = Assert.IsType<SoaRecord>(Assert.Single(m.Authorities));
        Assert.Equal(new SoaRecord("claude.test.", 300, "ns1.claude.test.", "hostmaster.claude.test.", 2026010101, 3600, 600, 86400, 300), soa);
        Assert.Equal(300u, soa.NegativeTtlSeconds);
        Assert.Equal(Hex.Of(Hex.Bytes(GoldenPackets.ResponseNopeNxDomain)), Hex.Of(m.ToWire()));
    }

    [Fact]
    public void An_Extended_DNS_Error_is_decoded_with_its_meaning()
    {
        var m = Parse(GoldenPackets.ResponseServFailEde);

        Assert.Equal(DnsResponseCode.ServFail, m.ResponseCode);
        var ede = Assert.Single(m.Edns!.ExtendedErrors);
        Assert.Equal(new ExtendedDnsError(6, "DNSSEC Bogus", "sig expired"), ede);
        Assert.Equal("EDE 6 (DNSSEC Bogus): sig expired", ede.ToString());
        Assert.Equal(15, Assert.Single(m.Edns.Options).Code);
    }

    [Fact]
    public void A_truncated_CAA_answer()
    {
        var m = Parse(GoldenPackets.ResponseTruncatedCaa);

        Assert.True(m.Header.Truncated);
        Assert.Equal("qr tc rd ra", m.Header.Flags);
        var caa = Assert.IsType<CaaRecord>(Assert.Single(m.Answers));
        Assert.Equal((0, "issue", "letsencrypt.org", 3600u), (caa.Flags, caa.Tag, caa.Value, caa.TtlSeconds));
        Assert.Equal("0 issue \"letsencrypt.org\"", caa.Data);
        Assert.Equal(Hex.Of(Hex.Bytes(GoldenPackets.ResponseTruncatedCaa)), Hex.Of(m.ToWire()));
    }

    [Fact]
    public void An_unknown_type_keeps_its_raw_data_and_a_negative_TTL_reads_as_zero()
    {
        var r = Assert.IsType<UnknownRecord>(Assert.Single(Parse(GoldenPackets.ResponseUnknownType).Answers));

        Assert.Equal((DnsRecordType)0xff00, r.Type);
        Assert.Equal([1, 2, 3], r.RawData.ToArray());
        Assert.Equal(@"\# 3 010203", r.Data);
        Assert.Equal(0u, r.TtlSeconds);
        Assert.Equal("example.com. 0 IN TYPE65280 \\# 3 010203", r.ToString());
    }

    public static TheoryData<string, string> DnsmasqPairs => new()
    {
        { nameof(GoldenPackets.QueryHostA), nameof(GoldenPackets.ResponseHostA) },
        { nameof(GoldenPackets.QueryClaudeMx), nameof(GoldenPackets.ResponseClaudeMx) },
        { nameof(GoldenPackets.QueryHttpsSrv), nameof(GoldenPackets.ResponseHttpsSrv) },
        { nameof(GoldenPackets.QueryClaudeTxt), nameof(GoldenPackets.ResponseClaudeTxt) },
        { nameof(GoldenPackets.QueryAlias2A), nameof(GoldenPackets.ResponseAlias2A) },
    };

    [LinuxTheory("dnsmasq")]
    [MemberData(nameof(DnsmasqPairs))]
    public async Task Dnsmasq_sends_exactly_the_golden_response(string query, string response)
    {
        var received = await ExchangeAsync(_dnsmasq.Value.EndPoint, Hex.Bytes(Golden(query)));

        Assert.Equal(Hex.Of(Hex.Bytes(Golden(response))), Hex.Of(received));
    }

    [LinuxFact("named")]
    public async Task Named_sends_exactly_the_golden_NXDOMAIN()
    {
        var received = await ExchangeAsync(new IPEndPoint(IPAddress.Loopback, _named.Value.Port), Hex.Bytes(GoldenPackets.QueryNopeA));

        Assert.Equal(Hex.Of(Hex.Bytes(GoldenPackets.ResponseNopeNxDomain)), Hex.Of(received));
    }

    [LinuxFact("dig")]
    public async Task Dig_sends_the_golden_query_bytes_apart_from_the_id()
    {
        byte[]? captured = null;
        using var capture = new HostileUdpResponder((_, raw) =>
        {
            captured = raw;
            return [];
        });

        await Task.Run(() => ProcessRunner.Run("dig", ["+nocookie", "+tries=1", "+timeout=1", "-p", capture.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "@127.0.0.1", "host.claude.test", "A"], check: false));

        Assert.NotNull(captured);
        var golden = Hex.Bytes(GoldenPackets.QueryHostA);
        Assert.Equal(Hex.Of(golden.AsSpan(2)), Hex.Of(captured.AsSpan(2)));
    }

    private static string Golden(string name) =>
        (string)typeof(GoldenPackets).GetField(name)!.GetValue(null)!;

    private static async Task<byte[]> ExchangeAsync(IPEndPoint server, byte[] query)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(server);
        await socket.SendAsync(query, SocketFlags.None);
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return buffer[..n];
    }

    public void Dispose()
    {
        if (_dnsmasq.IsValueCreated) _dnsmasq.Value.Dispose();
        if (_named.IsValueCreated) _named.Value.Dispose();
    }
}
