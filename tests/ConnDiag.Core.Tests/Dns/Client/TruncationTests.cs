using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;
using ConnDiag.Findings;

namespace ConnDiag.Core.Tests.Dns.Client;

/// <summary>
/// A TXT set larger than the 1232-byte EDNS payload: dnsmasq answers it over UDP with TC=1, and the full set
/// only over TCP. Through a relay that carries UDP only, the TCP retry is refused.
/// </summary>
public sealed class TruncationTests(DnsmasqFixture fixture) : IClassFixture<DnsmasqFixture>
{
    private static readonly DnsQueryOptions Fast = new() { Timeout = TimeSpan.FromSeconds(2), Retries = 1 };

    [LinuxFact("dnsmasq")]
    public async Task A_truncated_UDP_answer_is_asked_again_over_TCP_and_the_full_set_is_kept()
    {
        var answer = await new DnsQueryClient(Fast).QueryAsync(DnsmasqServer.BigTxtName, DnsRecordType.TXT, fixture.Server.Udp);

        Assert.Collection(answer.Attempts,
            udp => Assert.Equal((DnsTransport.Udp, DnsAttemptOutcome.Truncated), (udp.Transport, udp.Outcome)),
            tcp => Assert.Equal((DnsTransport.Tcp, DnsAttemptOutcome.Answered), (tcp.Transport, tcp.Outcome)));
        Assert.NotEqual(answer.Attempts[0].QueryId, answer.Attempts[1].QueryId);
        Assert.Equal(DnsTransport.Tcp, answer.Transport);
        Assert.False(answer.Header!.Truncated);
        Assert.Empty(answer.Findings);
        Assert.Equal(DnsmasqServer.BigTxtStrings.Order(), answer.Answers.Cast<TxtRecord>().Select(t => Assert.Single(t.Strings)).Order());
        Assert.True(answer.MessageSizeBytes > DnsEdns.DefaultUdpPayloadSize, $"full answer is only {answer.MessageSizeBytes} bytes");
        Assert.True(answer.Attempts[0].ResponseSizeBytes <= DnsEdns.DefaultUdpPayloadSize);
    }

    [LinuxFact("dnsmasq")]
    public async Task Without_the_fallback_the_truncated_answer_is_returned_as_it_is()
    {
        var answer = await new DnsQueryClient(Fast with { UseTcpFallback = false }).QueryAsync(DnsmasqServer.BigTxtName, DnsRecordType.TXT, fixture.Server.Udp);

        var attempt = Assert.Single(answer.Attempts);
        Assert.Equal(DnsAttemptOutcome.Truncated, attempt.Outcome);
        Assert.True(answer.Header!.Truncated);
        Assert.True(answer.Answers.Count < DnsmasqServer.BigTxtStrings.Count);
    }

    [LinuxFact("dnsmasq")]
    public async Task When_TCP_is_blocked_the_truncated_answer_is_TRUNCATED_TCP_BLOCKED()
    {
        using var relay = new UdpOnlyRelay(fixture.Server.EndPoint);

        var answer = await new DnsQueryClient(Fast).QueryAsync(DnsmasqServer.BigTxtName, DnsRecordType.TXT, relay.Server);

        Assert.Equal(DnsAttemptOutcome.Truncated, answer.Attempts[0].Outcome);
        // One TCP attempt and its retry, both refused.
        var tcp = answer.Attempts.Skip(1).ToList();
        Assert.Equal(2, tcp.Count);
        Assert.All(tcp, a => Assert.Equal((DnsTransport.Tcp, DnsAttemptOutcome.ConnectionRefused), (a.Transport, a.Outcome)));
        Assert.Equal(DnsTransport.Udp, answer.Transport);
        Assert.True(answer.Header!.Truncated);
        Assert.False(answer.Succeeded);
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsTruncatedTcpBlocked, f.Code);
        Assert.Contains("connection refused", f.Summary);
        Assert.Contains($"127.0.0.1:{relay.Port}", f.Summary);
    }

    [LinuxFact("dnsmasq")]
    public async Task The_same_relay_answers_small_questions_over_UDP_without_any_finding()
    {
        using var relay = new UdpOnlyRelay(fixture.Server.EndPoint);

        var answer = await new DnsQueryClient(Fast).QueryAsync("host.claude.test", DnsRecordType.A, relay.Server);

        Assert.Empty(answer.Findings);
        Assert.Single(answer.Attempts);
    }

    [LinuxFact("dnsmasq")]
    public async Task UseTcpOnly_asks_a_UDP_server_over_TCP_directly()
    {
        var answer = await new DnsQueryClient(Fast with { UseTcpOnly = true }).QueryAsync(DnsmasqServer.BigTxtName, DnsRecordType.TXT, fixture.Server.Udp);

        var attempt = Assert.Single(answer.Attempts);
        Assert.Equal((DnsTransport.Tcp, DnsAttemptOutcome.Answered), (attempt.Transport, attempt.Outcome));
        Assert.Equal(DnsmasqServer.BigTxtStrings.Count, answer.Answers.Count);
    }
}
