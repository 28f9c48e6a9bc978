using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;
using ConnDiag.Findings;

namespace ConnDiag.Core.Tests.Dns.Client;

/// <summary>
/// DNS over HTTPS against a Kestrel endpoint on loopback that forwards to dnsmasq, over TLS with a
/// certificate from a CA made for this run and trusted only through the client's option.
/// </summary>
public sealed class DohTests(DnsmasqFixture fixture) : IClassFixture<DnsmasqFixture>, IDisposable
{
    private readonly TestCertificates _certificates = new();

    private DnsQueryOptions Trusting => new()
    {
        Timeout = TimeSpan.FromSeconds(5),
        Retries = 1,
        HttpsTrustedCertificates = _certificates.Roots,
        HttpsUseProxy = false,
    };

    [LinuxFact("dnsmasq")]
    public async Task POST_carries_the_wire_message_and_the_answer_comes_back()
    {
        await using var doh = await DohServer.StartAsync(fixture.Server.EndPoint, _certificates.Server, rejectPost: false);

        var answer = await new DnsQueryClient(Trusting).QueryAsync("alias.claude.test", DnsRecordType.A, doh.Server);

        Assert.True(answer.Findings.Count == 0, AnswerText.Describe(answer));
        Assert.Equal(DnsTransport.Https, answer.Transport);
        Assert.Equal("127.0.0.2", answer.Answers.OfType<ARecord>().Single().Data);
        var attempt = Assert.Single(answer.Attempts);
        Assert.Equal(("POST", 200, DnsAttemptOutcome.Answered), (attempt.Method, attempt.HttpStatus, attempt.Outcome));
        Assert.Equal($"https://127.0.0.1:{doh.Port}/dns-query", attempt.Server);
        Assert.Equal((1, 0), (doh.Posts, doh.Gets));
    }

    [LinuxFact("dnsmasq")]
    public async Task A_405_on_POST_switches_to_GET_with_base64url_and_both_attempts_are_listed()
    {
        await using var doh = await DohServer.StartAsync(fixture.Server.EndPoint, _certificates.Server, rejectPost: true);

        var answer = await new DnsQueryClient(Trusting).QueryAsync("claude.test", DnsRecordType.TXT, doh.Server);

        Assert.True(answer.Findings.Count == 0, AnswerText.Describe(answer));
        Assert.Collection(answer.Attempts,
            post => Assert.Equal(("POST", 405, DnsAttemptOutcome.HttpError), (post.Method, post.HttpStatus, post.Outcome)),
            get => Assert.Equal(("GET", 200, DnsAttemptOutcome.Answered), (get.Method, get.HttpStatus, get.Outcome)));
        Assert.Contains("405", answer.Attempts[0].Error);
        Assert.Equal(["v=spf1 -all", "second string"], Assert.IsType<TxtRecord>(Assert.Single(answer.Answers)).Strings);
        Assert.Equal((1, 1), (doh.Posts, doh.Gets));
    }

    [LinuxFact("dnsmasq")]
    public async Task NXDOMAIN_over_DoH_is_the_same_finding_as_over_UDP()
    {
        await using var doh = await DohServer.StartAsync(fixture.Server.EndPoint, _certificates.Server, rejectPost: false);

        var answer = await new DnsQueryClient(Trusting).QueryAsync("nope.local.test", DnsRecordType.A, doh.Server);

        Assert.Equal(DnsResponseCode.NXDomain, answer.ResponseCode);
        Assert.Equal(FindingCodes.DnsNxDomain, Assert.Single(answer.Findings).Code);
    }

    [LinuxFact("dnsmasq")]
    public async Task A_certificate_from_an_untrusted_CA_fails_the_TLS_handshake_and_names_the_issuer()
    {
        await using var doh = await DohServer.StartAsync(fixture.Server.EndPoint, _certificates.Server, rejectPost: false);

        var answer = await new DnsQueryClient(Trusting with { HttpsTrustedCertificates = null, Retries = 0 }).QueryAsync("claude.test", DnsRecordType.A, doh.Server);

        var attempt = Assert.Single(answer.Attempts);
        Assert.Equal(DnsAttemptOutcome.TlsError, attempt.Outcome);
        Assert.Contains("ConnDiag Test DoH Root", attempt.Error);
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsUnreachable, f.Code);
        Assert.Contains("TLS handshake failed", f.Summary);
        Assert.Equal(0, doh.Posts);
    }

    [LinuxFact("dnsmasq")]
    public async Task A_wrong_path_is_an_HTTP_error_not_a_DNS_answer()
    {
        await using var doh = await DohServer.StartAsync(fixture.Server.EndPoint, _certificates.Server, rejectPost: false);
        var wrong = DnsServer.Parse($"https://127.0.0.1:{doh.Port}/resolve");

        var answer = await new DnsQueryClient(Trusting with { Retries = 0 }).QueryAsync("claude.test", DnsRecordType.A, wrong);

        var attempt = Assert.Single(answer.Attempts);
        Assert.Equal((DnsAttemptOutcome.HttpError, 404), (attempt.Outcome, attempt.HttpStatus));
        Assert.Equal(FindingCodes.DnsUnreachable, Assert.Single(answer.Findings).Code);
    }

    public void Dispose() => _certificates.Dispose();
}
