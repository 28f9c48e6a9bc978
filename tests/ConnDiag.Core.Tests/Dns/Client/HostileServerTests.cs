using System.Net;
using ConnDiag.Core.Tests.Dns.Fixtures;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Dns.Client;

/// <summary>
/// A scripted UDP responder on a real loopback socket: wrong ids and questions before the right answer,
/// garbage, error codes with Extended DNS Errors, silence. Plus closed ports for both transports.
/// </summary>
public sealed class HostileServerTests
{
    private static readonly DnsQueryOptions Fast = new() { Timeout = TimeSpan.FromSeconds(2), Retries = 1 };
    private static readonly DnsQueryOptions Short = new() { Timeout = TimeSpan.FromMilliseconds(400), Retries = 1 };

    private static byte[] Wire(DnsMessage m) => m.ToWire();

    [Fact]
    public async Task Responses_with_a_wrong_id_or_question_are_ignored_and_counted_and_the_right_one_accepted()
    {
        using var responder = new HostileUdpResponder((q, _) =>
        [
            Wire(HostileUdpResponder.Answer(q, "198.18.0.66") with { Header = q.Header with { Id = (ushort)(q.Header.Id ^ 0x5555), IsResponse = true } }),
            Wire(HostileUdpResponder.Answer(q, "198.18.0.67") with { Question = q.Question with { Name = "evil.test." } }),
            Wire(HostileUdpResponder.Answer(q, "198.18.0.68") with { Question = q.Question with { Type = DnsRecordType.AAAA } }),
            Wire(HostileUdpResponder.Answer(q, "127.0.0.42")),
        ]);

        var answer = await new DnsQueryClient(Fast).QueryAsync("good.test", DnsRecordType.A, responder.Server);

        var a = Assert.IsType<ARecord>(Assert.Single(answer.Answers));
        Assert.Equal(IPAddress.Parse("127.0.0.42"), a.Address);
        Assert.Equal(3, answer.IgnoredResponses);
        var attempt = Assert.Single(answer.Attempts);
        Assert.Equal(DnsAttemptOutcome.Answered, attempt.Outcome);
        Assert.Equal(3, attempt.IgnoredResponses);
        Assert.Contains(attempt.IgnoredReasons, r => r.Contains("instead of " + attempt.QueryId, StringComparison.Ordinal));
        Assert.Contains(attempt.IgnoredReasons, r => r.Contains("'evil.test.'", StringComparison.Ordinal));
        Assert.Contains(attempt.IgnoredReasons, r => r.Contains("type AAAA instead of A", StringComparison.Ordinal));
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsMismatchedResponse, f.Code);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("Ignored 3 responses", f.Summary);
        Assert.True(answer.Succeeded);
    }

    [Fact]
    public async Task Only_wrong_answers_end_in_a_timeout_and_every_one_is_counted()
    {
        using var responder = new HostileUdpResponder((q, _) =>
            [Wire(HostileUdpResponder.Answer(q, "198.18.0.66") with { Header = q.Header with { Id = (ushort)(q.Header.Id + 1), IsResponse = true } })]);

        // Every wrong answer must be read inside its attempt to be counted: under a loaded test run 400 ms was
        // sometimes not enough for the second one, so this test waits longer (it costs 2 × 2 s, never more).
        var answer = await new DnsQueryClient(Short with { Timeout = TimeSpan.FromSeconds(2) }).QueryAsync("good.test", DnsRecordType.A, responder.Server);

        Assert.Null(answer.ResponseCode);
        Assert.Equal(2, answer.Attempts.Count);
        Assert.All(answer.Attempts, a => Assert.Equal(DnsAttemptOutcome.Timeout, a.Outcome));
        Assert.Equal(2, answer.IgnoredResponses);
        Assert.Equal([FindingCodes.DnsTimeout, FindingCodes.DnsMismatchedResponse], answer.Findings.Select(f => f.Code));
        Assert.Empty(answer.Answers);
        Assert.Equal(2, responder.Queries);
    }

    [Fact]
    public async Task A_flood_of_spoofed_answers_is_counted_exactly_but_only_the_first_reasons_kept()
    {
        using var responder = new HostileUdpResponder((q, _) =>
            Enumerable.Range(1, 100)
                .Select(i => Wire(HostileUdpResponder.Answer(q, "198.18.0.66") with { Header = q.Header with { Id = (ushort)(q.Header.Id + i), IsResponse = true } }))
                .Append(Wire(HostileUdpResponder.Answer(q, "127.0.0.42"))));

        var answer = await new DnsQueryClient(Fast).QueryAsync("good.test", DnsRecordType.A, responder.Server);

        Assert.Equal("127.0.0.42", Assert.Single(answer.Answers).Data);
        var attempt = Assert.Single(answer.Attempts);
        // Loopback does not drop datagrams in practice, but a count below 100 would still be honest; more would not.
        Assert.InRange(attempt.IgnoredResponses, 90, 100);
        Assert.Equal(16, attempt.IgnoredReasons.Count);
    }

    [Fact]
    public async Task A_query_reflected_back_is_not_taken_for_an_answer()
    {
        using var responder = new HostileUdpResponder((q, raw) => [raw, Wire(HostileUdpResponder.Answer(q, "127.0.0.42"))]);

        var answer = await new DnsQueryClient(Fast).QueryAsync("good.test", DnsRecordType.A, responder.Server);

        Assert.Equal("127.0.0.42", Assert.Single(answer.Answers).Data);
        Assert.Contains("QR=0", Assert.Single(Assert.Single(answer.Attempts).IgnoredReasons));
    }

    [Fact]
    public async Task A_malformed_message_with_our_id_is_a_MALFORMED_RESPONSE()
    {
        using var responder = new HostileUdpResponder((q, _) =>
        {
            var bytes = Wire(HostileUdpResponder.Answer(q, "127.0.0.42"));
            bytes[5] = 2; // QDCOUNT 2
            return [bytes];
        });

        var answer = await new DnsQueryClient(Short).QueryAsync("good.test", DnsRecordType.A, responder.Server);

        Assert.Null(answer.ResponseCode);
        Assert.All(answer.Attempts, a => Assert.Equal(DnsAttemptOutcome.Malformed, a.Outcome));
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsMalformedResponse, f.Code);
        Assert.Contains("QDCOUNT is 2", f.Summary);
        Assert.Equal(0, answer.IgnoredResponses);
    }

    [Fact]
    public async Task Garbage_without_our_id_is_ignored_as_a_mismatch()
    {
        using var responder = new HostileUdpResponder((q, _) => [[0xAB], [0xFF, 0xFF, 0, 0], Wire(HostileUdpResponder.Answer(q, "127.0.0.42"))]);

        var answer = await new DnsQueryClient(Fast).QueryAsync("good.test", DnsRecordType.A, responder.Server);

        Assert.Equal("127.0.0.42", Assert.Single(answer.Answers).Data);
        Assert.InRange(answer.IgnoredResponses, 1, 2); // 0xFFFF could, rarely, be our id: then it is remembered, not counted
        Assert.All(answer.Attempts[0].IgnoredReasons, r => Assert.Contains("malformed DNS message", r));
    }

    [Fact]
    public async Task SERVFAIL_with_an_Extended_DNS_Error_names_it()
    {
        byte[] edeData = [0, 22, .. "no reachable authority at 198.18.0.1"u8];
        using var responder = new HostileUdpResponder((q, _) =>
        [
            Wire(new DnsMessage(
                q.Header with { IsResponse = true, RecursionAvailable = true, ResponseCode = DnsResponseCode.ServFail },
                q.Question, [], [], [],
                new DnsEdns(1232, 0, false, 0, [new EdnsOption(15, edeData)], []))),
        ]);

        var answer = await new DnsQueryClient(Fast).QueryAsync("good.test", DnsRecordType.A, responder.Server);

        Assert.Equal(DnsResponseCode.ServFail, answer.ResponseCode);
        var ede = Assert.Single(answer.Edns!.ExtendedErrors);
        Assert.Equal(22, ede.InfoCode);
        Assert.Equal("No Reachable Authority", ede.Meaning);
        Assert.Equal("no reachable authority at 198.18.0.1", ede.ExtraText);
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsServFail, f.Code);
        Assert.Contains("EDE 22 (No Reachable Authority): no reachable authority at 198.18.0.1", f.Summary);
    }

    [Theory]
    [InlineData(DnsResponseCode.FormErr, "FORMERR")]
    [InlineData(DnsResponseCode.NotImp, "NOTIMP")]
    [InlineData(DnsResponseCode.BadVers, "BADVERS")]
    public async Task Other_error_codes_are_SERVER_ERROR_with_the_code_named(DnsResponseCode code, string text)
    {
        using var responder = new HostileUdpResponder((q, _) =>
        [
            Wire(new DnsMessage(q.Header with { IsResponse = true, ResponseCode = code }, q.Question, [], [], [],
                DnsEdns.ForQuery(1232, false))),
        ]);

        var answer = await new DnsQueryClient(Fast).QueryAsync("good.test", DnsRecordType.A, responder.Server);

        // BADVERS (16) only exists through the OPT record's high bits: the full code is read back.
        Assert.Equal(code, answer.ResponseCode);
        Assert.Equal(text, answer.Status);
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsServerError, f.Code);
        Assert.Contains(text, f.Summary);
        Assert.Single(answer.Attempts);
    }

    [Fact]
    public async Task A_silent_server_is_a_TIMEOUT_after_every_retry()
    {
        using var responder = new HostileUdpResponder((_, _) => []);

        var answer = await new DnsQueryClient(Short with { Retries = 2 }).QueryAsync("good.test", DnsRecordType.A, responder.Server);

        Assert.Equal(3, answer.Attempts.Count);
        Assert.Equal([1, 2, 3], answer.Attempts.Select(a => a.Number));
        Assert.All(answer.Attempts, a => Assert.Equal(DnsAttemptOutcome.Timeout, a.Outcome));
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsTimeout, f.Code);
        Assert.Contains("3 attempts over UDP timed out", f.Summary);
        Assert.Equal("Timeout", answer.Status);
        Assert.Equal(3, responder.Queries);
    }

    [Fact]
    public async Task A_closed_UDP_port_is_UNREACHABLE_connection_refused()
    {
        using var closed = new ClosedUdpPort();

        var answer = await new DnsQueryClient(Fast).QueryAsync("good.test", DnsRecordType.A, DnsServer.Udp(IPAddress.Loopback, closed.Port));

        Assert.All(answer.Attempts, a => Assert.Equal(DnsAttemptOutcome.ConnectionRefused, a.Outcome));
        var f = Assert.Single(answer.Findings);
        Assert.Equal(FindingCodes.DnsUnreachable, f.Code);
        Assert.Contains("ICMP port unreachable", f.Summary);
    }

    [Fact]
    public async Task A_closed_TCP_port_is_UNREACHABLE_connection_refused()
    {
        using var closed = new ClosedPort(IPAddress.Loopback);

        var answer = await new DnsQueryClient(Fast).QueryAsync("good.test", DnsRecordType.A, DnsServer.Parse($"tcp://127.0.0.1:{closed.Port}"));

        Assert.Equal(2, answer.Attempts.Count);
        Assert.All(answer.Attempts, a => Assert.Equal((DnsTransport.Tcp, DnsAttemptOutcome.ConnectionRefused), (a.Transport, a.Outcome)));
        Assert.Equal(FindingCodes.DnsUnreachable, Assert.Single(answer.Findings).Code);
        Assert.Equal("tcp://127.0.0.1:" + closed.Port, answer.Server);
    }

    [Fact]
    public async Task Cancellation_ends_a_lookup_at_once_with_OperationCanceledException()
    {
        using var responder = new HostileUdpResponder((_, _) => []);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var started = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new DnsQueryClient(new DnsQueryOptions { Timeout = TimeSpan.FromSeconds(30) }).QueryAsync("good.test", DnsRecordType.A, responder.Server, cts.Token));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), "the lookup waited for its 30 s timeout despite cancellation");
    }
}

/// <summary>A UDP port with nothing behind it: bound briefly to find it, then released, so the kernel answers ICMP port unreachable.</summary>
internal sealed class ClosedUdpPort : IDisposable
{
    public ClosedUdpPort()
    {
        using var s = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose()
    {
    }
}
