using System.Net;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;
using ConnDiag.Findings;

namespace ConnDiag.Core.Tests.Dns.Client;

/// <summary>
/// The bulk mode (ShareUdpSockets): many lookups over a few shared sockets, answers matched by id and
/// question, strays counted where they can be attributed, timeouts from the sweep.
/// </summary>
public sealed class SharedUdpSocketTests(DnsmasqFixture fixture) : IClassFixture<DnsmasqFixture>
{
    private static DnsQueryClient Shared(int sockets = 2, double timeoutSeconds = 2, int retries = 1) =>
        new(new DnsQueryOptions { ShareUdpSockets = true, UdpSocketsPerServer = sockets, Timeout = TimeSpan.FromSeconds(timeoutSeconds), Retries = retries });

    [LinuxFact("dnsmasq")]
    public async Task Hundreds_of_concurrent_lookups_each_get_their_own_answer()
    {
        using var client = Shared();
        var names = new[] { "host.claude.test", "v4.claude.test", "exists.local.test", "nope.local.test", "example.com" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => client.QueryAsync(names[i % names.Length], DnsRecordType.A, fixture.Server.Udp)));

        for (var i = 0; i < answers.Length; i++)
        {
            var a = answers[i];
            Assert.Equal(names[i % names.Length] + ".", a.Name);
            var expected = (i % names.Length) switch
            {
                0 => "127.0.0.2",
                1 => "127.0.0.3",
                2 => "127.0.0.9",
                _ => null,
            };
            if (expected is null) Assert.Empty(a.Answers);
            else Assert.Equal(expected, Assert.Single(a.Answers).Data);
            Assert.Equal(0, a.IgnoredResponses);
        }
        Assert.All(answers.Where((_, i) => i % names.Length == 3), a => Assert.Equal(FindingCodes.DnsNxDomain, Assert.Single(a.Findings).Code));
        Assert.All(answers.Where((_, i) => i % names.Length == 4), a => Assert.Equal(FindingCodes.DnsRefused, Assert.Single(a.Findings).Code));
        Assert.Equal(0, client.UnattributedResponses);
    }

    [Fact]
    public async Task A_wrong_question_is_counted_on_its_query_and_an_unknown_id_on_the_client()
    {
        using var responder = new HostileUdpResponder((q, _) =>
        [
            (HostileUdpResponder.Answer(q, "198.18.0.66") with { Header = q.Header with { Id = (ushort)(q.Header.Id ^ 0x5555), IsResponse = true } }).ToWire(),
            (HostileUdpResponder.Answer(q, "198.18.0.67") with { Question = q.Question with { Name = "evil.test." } }).ToWire(),
            HostileUdpResponder.Answer(q, "127.0.0.42").ToWire(),
        ]);
        using var client = Shared(sockets: 1);

        var answer = await client.QueryAsync("good.test", DnsRecordType.A, responder.Server);

        Assert.Equal("127.0.0.42", Assert.Single(answer.Answers).Data);
        var attempt = Assert.Single(answer.Attempts);
        Assert.Equal(1, attempt.IgnoredResponses);
        Assert.Contains("'evil.test.'", Assert.Single(attempt.IgnoredReasons));
        Assert.Equal(FindingCodes.DnsMismatchedResponse, Assert.Single(answer.Findings).Code);
        Assert.Equal(1, client.UnattributedResponses);
    }

    [Fact]
    public async Task A_silent_server_times_out_through_the_sweep_and_is_retried()
    {
        using var silent = new HostileUdpResponder((_, _) => []);
        using var client = Shared(sockets: 1, timeoutSeconds: 0.3, retries: 1);

        var answer = await client.QueryAsync("good.test", DnsRecordType.A, silent.Server);

        Assert.Equal(2, answer.Attempts.Count);
        Assert.All(answer.Attempts, a => Assert.Equal(DnsAttemptOutcome.Timeout, a.Outcome));
        Assert.NotEqual(answer.Attempts[0].QueryId, answer.Attempts[1].QueryId);
        Assert.Equal(FindingCodes.DnsTimeout, Assert.Single(answer.Findings).Code);
        Assert.Equal(2, silent.Queries);
    }

    [Fact]
    public async Task A_closed_port_is_connection_refused_on_the_shared_socket_too()
    {
        // One query at a time: an ICMP error belongs to the socket, not to a query, so concurrent queries
        // could see one error for several of them (the others then time out); sequential ones cannot.
        using var closed = new ClosedUdpPort();
        using var client = Shared(sockets: 1, retries: 0);

        for (var i = 0; i < 3; i++)
        {
            var answer = await client.QueryAsync("good.test", DnsRecordType.A, DnsServer.Udp(IPAddress.Loopback, closed.Port));

            Assert.Equal(DnsAttemptOutcome.ConnectionRefused, Assert.Single(answer.Attempts).Outcome);
            Assert.Equal(FindingCodes.DnsUnreachable, Assert.Single(answer.Findings).Code);
        }
    }

    [LinuxFact("dnsmasq")]
    public async Task A_truncated_answer_still_falls_back_to_TCP()
    {
        using var client = Shared();

        var answer = await client.QueryAsync(DnsmasqServer.BigTxtName, DnsRecordType.TXT, fixture.Server.Udp);

        Assert.Equal([DnsTransport.Udp, DnsTransport.Tcp], answer.Attempts.Select(a => a.Transport));
        Assert.Equal(DnsmasqServer.BigTxtStrings.Count, answer.Answers.Count);
    }

    [Fact]
    public async Task Cancellation_ends_a_waiting_query()
    {
        using var silent = new HostileUdpResponder((_, _) => []);
        using var client = Shared(sockets: 1, timeoutSeconds: 30);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.QueryAsync("good.test", DnsRecordType.A, silent.Server, cts.Token));
    }

    [Fact]
    public void Out_of_range_socket_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsQueryClient(new DnsQueryOptions { UdpSocketsPerServer = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsQueryClient(new DnsQueryOptions { UdpSocketsPerServer = 65 }));
    }
}
