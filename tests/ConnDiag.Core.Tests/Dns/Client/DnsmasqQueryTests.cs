using System.Net;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;
using ConnDiag.Findings;

namespace ConnDiag.Core.Tests.Dns.Client;

/// <summary>The client against a real dnsmasq on a loopback port: record types, negative answers, both transports.</summary>
public sealed class DnsmasqQueryTests(DnsmasqFixture fixture) : IClassFixture<DnsmasqFixture>
{
    private static readonly DnsQueryOptions Fast = new() { Timeout = TimeSpan.FromSeconds(2), Retries = 1 };

    private DnsmasqServer Server => fixture.Server;

    private static Task<DnsAnswer> Ask(DnsServer server, string name, DnsRecordType type, DnsQueryOptions? options = null) =>
        new DnsQueryClient(options ?? Fast).QueryAsync(name, type, server);

    public static TheoryData<string> Transports => new() { "udp", "tcp" };

    private DnsServer Over(string transport) => transport == "tcp" ? Server.Tcp : Server.Udp;

    [LinuxTheory("dnsmasq")]
    [MemberData(nameof(Transports))]
    public async Task An_A_record_comes_back_with_header_edns_and_one_attempt(string transport)
    {
        var answer = await Ask(Over(transport), "host.claude.test", DnsRecordType.A);

        Assert.Equal(DnsResponseCode.NoError, answer.ResponseCode);
        Assert.True(answer.Succeeded, string.Join("; ", answer.Findings));
        Assert.Empty(answer.Findings);
        var a = Assert.IsType<ARecord>(Assert.Single(answer.Answers));
        Assert.Equal(IPAddress.Parse("127.0.0.2"), a.Address);
        Assert.Equal("host.claude.test.", a.Name);
        Assert.Equal("host.claude.test.", answer.Name);
        Assert.Equal(DnsRecordType.A, answer.Type);
        Assert.True(answer.Header!.IsResponse);
        Assert.True(answer.Header.RecursionDesired);
        Assert.True(answer.Header.AuthoritativeAnswer);
        Assert.Contains("qr", answer.Flags!);
        Assert.NotNull(answer.Edns);
        Assert.Equal(transport == "tcp" ? DnsTransport.Tcp : DnsTransport.Udp, answer.Transport);
        var attempt = Assert.Single(answer.Attempts);
        Assert.Equal(DnsAttemptOutcome.Answered, attempt.Outcome);
        Assert.Equal(1, attempt.Number);
        Assert.Equal($"127.0.0.1:{Server.Port}", attempt.Server);
        Assert.Null(attempt.Error);
        Assert.Equal(answer.MessageSizeBytes, attempt.ResponseSizeBytes);
        Assert.True(answer.MessageSizeBytes > 12);
        Assert.Equal(0, answer.IgnoredResponses);
        Assert.Equal("NOERROR", answer.Status);
    }

    [LinuxTheory("dnsmasq")]
    [MemberData(nameof(Transports))]
    public async Task An_AAAA_record_comes_back(string transport)
    {
        var answer = await Ask(Over(transport), "host.claude.test", DnsRecordType.AAAA);

        var aaaa = Assert.IsType<AaaaRecord>(Assert.Single(answer.Answers));
        Assert.Equal(IPAddress.Parse("::2"), aaaa.Address);
        Assert.Equal("::2", aaaa.Data);
    }

    [LinuxFact("dnsmasq")]
    public async Task A_CNAME_chain_is_returned_in_chain_order_with_the_final_address()
    {
        var answer = await Ask(Server.Udp, "alias2.claude.test", DnsRecordType.A);

        Assert.Empty(answer.Findings);
        Assert.Collection(answer.Answers,
            r => Assert.Equal(("alias2.claude.test.", "alias.claude.test."), (r.Name, ((CNameRecord)r).Target)),
            r => Assert.Equal(("alias.claude.test.", "host.claude.test."), (r.Name, ((CNameRecord)r).Target)),
            r => Assert.Equal(IPAddress.Parse("127.0.0.2"), ((ARecord)r).Address));
        var chain = CnameChain.Follow(answer.Name, answer.Answers);
        Assert.Equal("host.claude.test.", chain.FinalName);
        Assert.Equal(2, chain.Links.Count);
    }

    [LinuxFact("dnsmasq")]
    public async Task A_TXT_record_keeps_its_strings_apart()
    {
        var answer = await Ask(Server.Udp, "claude.test", DnsRecordType.TXT);

        var txt = Assert.IsType<TxtRecord>(Assert.Single(answer.Answers));
        Assert.Equal(["v=spf1 -all", "second string"], txt.Strings);
        Assert.Equal("\"v=spf1 -all\" \"second string\"", txt.Data);
    }

    [LinuxFact("dnsmasq")]
    public async Task SRV_and_MX_records_are_decoded()
    {
        var srv = Assert.IsType<SrvRecord>(Assert.Single((await Ask(Server.Udp, "_https._tcp.claude.test", DnsRecordType.SRV)).Answers));
        Assert.Equal((10, 5, 8443, "host.claude.test."), ((int)srv.Priority, (int)srv.Weight, (int)srv.Port, srv.Target));

        var mx = (await Ask(Server.Tcp, "claude.test", DnsRecordType.MX)).Answers.Cast<MxRecord>().OrderBy(m => m.Preference).ToList();
        Assert.Equal([(10, "mail.claude.test."), (20, "mx2.claude.test.")], mx.Select(m => ((int)m.Preference, m.Exchange)));
    }

    [LinuxFact("dnsmasq")]
    public async Task A_name_in_an_empty_local_domain_is_NXDOMAIN()
    {
        var answer = await Ask(Server.Udp, "nope.local.test", DnsRecordType.A);

        Assert.Equal(DnsResponseCode.NXDomain, answer.ResponseCode);
        Assert.False(answer.Succeeded);
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsNxDomain, f.Code);
        Assert.Contains("nope.local.test.", f.Summary);
        Assert.Contains($"127.0.0.1:{Server.Port}", f.Summary);
        // dnsmasq sends no SOA with it: there is no negative-caching time to give, and the evidence says so.
        Assert.Null(answer.NegativeTtlSeconds);
        Assert.Contains("No SOA", f.Evidence);
        Assert.Single(answer.Attempts);
    }

    [LinuxFact("dnsmasq")]
    public async Task An_existing_name_without_the_type_is_NODATA_a_warning()
    {
        var answer = await Ask(Server.Udp, "v4only.local.test", DnsRecordType.AAAA);

        Assert.Equal(DnsResponseCode.NoError, answer.ResponseCode);
        Assert.Empty(answer.Answers);
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsNoData, f.Code);
        Assert.Equal(ConnDiag.Model.Severity.Warning, f.Severity);
        Assert.True(answer.Succeeded);
    }

    [LinuxTheory("dnsmasq")]
    [MemberData(nameof(Transports))]
    public async Task A_name_outside_the_configured_zones_is_REFUSED(string transport)
    {
        var answer = await Ask(Over(transport), "example.com", DnsRecordType.A);

        Assert.Equal(DnsResponseCode.Refused, answer.ResponseCode);
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsRefused, f.Code);
        Assert.Contains("example.com.", f.Summary);
        // A REFUSED is an answer, not a reason to retry.
        Assert.Single(answer.Attempts);
    }

    [LinuxFact("dnsmasq")]
    public async Task The_question_name_is_matched_without_regard_to_case()
    {
        var answer = await Ask(Server.Udp, "HoSt.ClAuDe.TeSt", DnsRecordType.A);

        Assert.Empty(answer.Findings);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), Assert.IsType<ARecord>(Assert.Single(answer.Answers)).Address);
        Assert.Equal(0, answer.IgnoredResponses);
    }

    [LinuxFact("dnsmasq")]
    public async Task Dnssec_and_no_recursion_set_the_DO_and_RD_bits_the_server_echoes()
    {
        var answer = await Ask(Server.Udp, "host.claude.test", DnsRecordType.A, Fast with { Recursion = false, RequestDnssec = true });

        Assert.False(answer.Header!.RecursionDesired);
        Assert.Empty(answer.Findings);
        Assert.NotNull(answer.Edns);
    }

    [LinuxFact("dnsmasq")]
    public async Task Without_EDNS_the_answer_has_no_OPT_record()
    {
        var answer = await Ask(Server.Udp, "host.claude.test", DnsRecordType.A, Fast with { UseEdns = false });

        Assert.Null(answer.Edns);
        Assert.Single(answer.Answers);
    }

    [LinuxFact("dnsmasq")]
    public async Task Every_attempt_uses_a_fresh_query_id()
    {
        var client = new DnsQueryClient(Fast);
        var ids = new HashSet<ushort>();
        for (var i = 0; i < 20; i++)
        {
            var answer = await client.QueryAsync("host.claude.test", DnsRecordType.A, Server.Udp);
            ids.Add(Assert.Single(answer.Attempts).QueryId);
        }
        // 20 draws from 65536 values: a repeat is possible but under 0.3 %; 15 distinct rules out a counter or a constant.
        Assert.True(ids.Count >= 15, $"only {ids.Count} distinct ids in 20 queries");
    }
}
