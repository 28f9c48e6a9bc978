using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Wire;
using ConnDiag.Findings;

namespace ConnDiag.Core.Tests.Dns.Client;

/// <summary>Against BIND's named: a genuine SERVFAIL (a zone whose file is missing) and an NXDOMAIN that carries its SOA.</summary>
public sealed class NamedQueryTests : IDisposable
{
    private static readonly DnsQueryOptions Fast = new() { Timeout = TimeSpan.FromSeconds(2), Retries = 1, Recursion = false };
    private readonly Lazy<NamedServer> _named = new(NamedServer.Start);

    [LinuxFact("named")]
    public async Task A_zone_that_failed_to_load_answers_SERVFAIL()
    {
        var answer = await new DnsQueryClient(Fast).QueryAsync("x.broken.test", DnsRecordType.A, _named.Value.Udp);

        Assert.True(answer.ResponseCode == DnsResponseCode.ServFail, AnswerText.Describe(answer) + "\n" + _named.Value.Output);
        Assert.False(answer.Succeeded);
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsServFail, f.Code);
        Assert.Contains("x.broken.test. A", f.Summary);
        Assert.Contains("SERVFAIL", f.Summary);
        // An answer, whatever its code, is not retried.
        Assert.Single(answer.Attempts);
        Assert.Null(answer.NegativeTtlSeconds);
    }

    [LinuxFact("named")]
    public async Task An_authoritative_NXDOMAIN_gives_the_negative_cache_time_from_the_SOA()
    {
        var answer = await new DnsQueryClient(Fast).QueryAsync("nope.claude.test", DnsRecordType.A, _named.Value.Udp);

        Assert.Equal(DnsResponseCode.NXDomain, answer.ResponseCode);
        Assert.True(answer.Header!.AuthoritativeAnswer);
        var soa = Assert.IsType<SoaRecord>(Assert.Single(answer.Authorities));
        Assert.Equal(NamedServer.SoaMinimumSeconds, soa.MinimumTtlSeconds);
        Assert.Equal("ns1.claude.test.", soa.PrimaryServer);
        Assert.Equal("hostmaster.claude.test.", soa.ResponsibleMailbox);
        Assert.Equal(NamedServer.SoaMinimumSeconds, answer.NegativeTtlSeconds);
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsNxDomain, f.Code);
        Assert.Contains($"cache this negative answer for {NamedServer.SoaMinimumSeconds} s", f.Summary);
        Assert.Contains("authoritative (AA)", f.Evidence);
        Assert.Contains("SOA claude.test.", f.Evidence);
    }

    [LinuxFact("named")]
    public async Task NODATA_from_an_authoritative_server_carries_the_SOA_time_too()
    {
        var answer = await new DnsQueryClient(Fast).QueryAsync("claude.test", DnsRecordType.TXT, _named.Value.Udp);

        Assert.Equal(DnsResponseCode.NoError, answer.ResponseCode);
        Assert.Empty(answer.Answers);
        Assert.Equal(NamedServer.SoaMinimumSeconds, answer.NegativeTtlSeconds);
        Assert.Equal(FindingCodes.DnsNoData, Assert.Single(answer.Findings).Code);
    }

    [LinuxFact("named")]
    public async Task A_CNAME_at_an_authoritative_server_is_followed_to_the_apex_address()
    {
        var answer = await new DnsQueryClient(Fast).QueryAsync("www.claude.test", DnsRecordType.A, _named.Value.Udp);

        Assert.Empty(answer.Findings);
        Assert.IsType<CNameRecord>(answer.Answers[0]);
        Assert.Equal("127.0.0.1", Assert.IsType<ARecord>(answer.Answers[1]).Data);
        Assert.Contains(answer.Authorities.Concat(answer.Additionals), r => r is NsRecord or ARecord);
    }

    public void Dispose()
    {
        if (_named.IsValueCreated) _named.Value.Dispose();
    }
}
