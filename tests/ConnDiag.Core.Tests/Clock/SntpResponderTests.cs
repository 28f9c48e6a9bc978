using System.Net;
using System.Net.Sockets;
using ConnDiag.Clock;
using ConnDiag.Core.Tests.Clock.Support;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Findings;

namespace ConnDiag.Core.Tests.Clock;

/// <summary>
/// The SNTP client against a scripted responder on a real loopback UDP socket: replies that do not echo the
/// request (ignored and counted), kiss-o'-death, an unsynchronized server, silence and a closed port.
/// </summary>
public class SntpResponderTests
{
    private static readonly ClockSkewOptions Fast = new(TimeSpan.FromMilliseconds(300));

    private static async Task<ClockSkewResult> Measure(NtpResponder responder, ClockSkewOptions? options = null, TimeProvider? clock = null)
    {
        Assert.True(ClockSource.TryParseNtpServer(responder.Server, out var source, out var error), error);
        return await new ClockSkewProbe(clock: clock).MeasureAsync(source!, options ?? Fast);
    }

    [Fact]
    public async Task Requests_are_client_mode_version_4_with_a_fresh_random_transmit_timestamp()
    {
        using var responder = NtpResponder.Always();

        await Measure(responder, Fast with { Attempts = 2 });

        var requests = responder.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal(48, r.Length);
            Assert.Equal(0x23, r[0]); // LI 0, VN 4, mode 3
            Assert.All(r[1..40], b => Assert.Equal(0, b)); // nothing about the local clock is disclosed
        });
        Assert.NotEqual(NtpWire.Read(requests[0], 40), NtpWire.Read(requests[1], 40));
        Assert.NotEqual(0ul, NtpWire.Read(requests[0], 40));
    }

    [Fact]
    public async Task A_reply_with_the_wrong_originate_timestamp_is_ignored_and_counted()
    {
        using var responder = NtpResponder.Always(
            new NtpReply(NtpReplyKind.WrongOriginate, Offset: TimeSpan.FromHours(5)),
            new NtpReply(NtpReplyKind.Valid));

        var r = await Measure(responder);

        Assert.True(r.Succeeded, string.Join("; ", r.Findings));
        Assert.Equal(1, r.IgnoredReplies);
        Assert.Equal(1, r.Requests);
        // The forged five-hour offset was not used.
        Assert.InRange(r.OffsetMs!.Value, -500, 500);
        Assert.Empty(r.Findings);
    }

    [Fact]
    public async Task Only_forged_replies_mean_no_answer_and_the_evidence_says_why()
    {
        using var responder = NtpResponder.Always(new NtpReply(NtpReplyKind.WrongOriginate), new NtpReply(NtpReplyKind.Short));

        var r = await Measure(responder, Fast with { Attempts = 2 });

        Assert.False(r.Succeeded);
        Assert.Null(r.OffsetMs);
        Assert.Equal(2, r.Requests);
        Assert.Equal(4, r.IgnoredReplies);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockNoResponse, f.Code);
        Assert.Equal($"The NTP server {responder.Server} did not answer.", f.Summary);
        Assert.Contains("4 replies ignored, the first for originate timestamp", f.Evidence);
        Assert.Contains("2 requests", f.Evidence);
    }

    [Fact]
    public async Task A_short_datagram_is_ignored_and_the_valid_reply_after_it_is_used()
    {
        using var responder = NtpResponder.Always(new NtpReply(NtpReplyKind.Short), new NtpReply(NtpReplyKind.Valid, Offset: TimeSpan.FromSeconds(-90)));

        var r = await Measure(responder);

        Assert.Equal(1, r.IgnoredReplies);
        Assert.InRange(r.OffsetMs!.Value, -91_000, -89_000);
        Assert.Equal(2, r.Stratum);
        Assert.Equal("198.18.0.1", r.ReferenceId);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockSkew, f.Code);
        Assert.Contains("1 min 30 s ahead of", f.Summary);
        Assert.Contains("1 other replies ignored, the first for a 20-byte datagram", f.Evidence);
    }

    [Theory]
    [InlineData("RATE", "rate exceeded")]
    [InlineData("DENY", "access denied")]
    public async Task A_kiss_o_death_is_reported_with_its_code_and_no_retry(string code, string meaning)
    {
        using var responder = NtpResponder.Always(new NtpReply(NtpReplyKind.KissOfDeath, KissCode: code));

        var r = await Measure(responder);

        Assert.False(r.Succeeded);
        Assert.Null(r.OffsetMs);
        Assert.Equal(0, r.Stratum);
        Assert.Equal(code, r.ReferenceId);
        Assert.Single(responder.Requests);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockKissOfDeath, f.Code);
        Assert.Equal($"The NTP server {responder.Server} refused to serve time: kiss code {code}.", f.Summary);
        Assert.Contains(meaning, f.Evidence);
        if (code == "DENY") Assert.Contains("use another NTP server", f.Remedy);
    }

    [Fact]
    public async Task A_forged_kiss_o_death_is_ignored_like_any_reply_that_does_not_echo_the_request()
    {
        // A spoofer who cannot see the request cannot echo its random transmit timestamp.
        using var responder = NtpResponder.Always(new NtpReply(NtpReplyKind.KissOfDeath, KissCode: "DENY", Forged: true), new NtpReply(NtpReplyKind.Valid));

        var r = await Measure(responder);

        Assert.True(r.Succeeded, string.Join("; ", r.Findings));
        Assert.Equal(1, r.IgnoredReplies);
        Assert.Equal(2, r.Stratum);
        Assert.Empty(r.Findings);
    }

    [Fact]
    public async Task An_unsynchronized_server_is_not_trusted_even_when_far_off()
    {
        using var responder = NtpResponder.Always(new NtpReply(NtpReplyKind.Unsynchronized, Offset: TimeSpan.FromDays(3)));

        var r = await Measure(responder);

        Assert.False(r.Succeeded);
        Assert.False(r.IsSkewed);
        Assert.InRange(r.OffsetMs!.Value, 3 * 86_400_000.0 - 1000, 3 * 86_400_000.0 + 1000);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockServerUnsynchronized, f.Code);
        Assert.Contains("leap indicator 3", f.Evidence);
    }

    [Fact]
    public async Task Silence_costs_the_bounded_number_of_requests_and_says_so()
    {
        using var responder = new NtpResponder(_ => []);

        var r = await Measure(responder, Fast with { Attempts = 3 });

        Assert.False(r.Succeeded);
        Assert.Equal(3, r.Requests);
        Assert.Equal(3, responder.Requests.Count);
        Assert.Equal(IPAddress.Loopback, r.RemoteAddress);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockNoResponse, f.Code);
        Assert.Contains($"no valid reply from {responder.Server} within 0.3 s per request (3 requests)", f.Evidence);
    }

    [Fact]
    public async Task A_late_reply_to_an_earlier_request_still_counts()
    {
        // Request 0 is answered only after request 1 has been sent: the reply echoes request 0's transmit
        // timestamp, so it is genuine, just slow, and it is measured from request 0's send time.
        using var responder = new NtpResponder(i => i == 0 ? [] : [new NtpReply(NtpReplyKind.Valid, AnswersRequest: 0)]);

        var r = await Measure(responder, Fast with { Attempts = 2 });

        Assert.True(r.Succeeded, string.Join("; ", r.Findings));
        Assert.Equal(2, r.Requests);
        Assert.Equal(0, r.IgnoredReplies);
        Assert.InRange(r.OffsetMs!.Value, -1000, 1000);
    }

    [LinuxFact]
    public async Task A_closed_UDP_port_is_reported_as_refused_at_once()
    {
        // Bound and closed again: nothing listens, so loopback answers with ICMP port unreachable.
        int port;
        using (var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)s.LocalEndPoint!).Port;
        }
        Assert.True(ClockSource.TryParseNtpServer($"127.0.0.1:{port}", out var source, out _));

        var r = await new ClockSkewProbe().MeasureAsync(source!, new ClockSkewOptions(TimeSpan.FromSeconds(5)));

        Assert.False(r.Succeeded);
        Assert.Equal(1, r.Requests);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ClockNoResponse, f.Code);
        Assert.Equal($"The NTP server 127.0.0.1:{port} cannot be reached.", f.Summary);
        Assert.Contains("ICMP port unreachable", f.Evidence);
    }

    [Fact]
    public async Task Offsets_are_right_across_the_2036_era_wrap()
    {
        // Local clock just after the wrap (era 1), server 10 s earlier, just before it (era 0).
        var wrap = new DateTimeOffset(2036, 2, 7, 6, 28, 16, TimeSpan.Zero);
        using var responder = NtpResponder.Always(new NtpReply(NtpReplyKind.Valid, At: wrap.AddSeconds(-5)));

        var r = await Measure(responder, clock: ShiftedClock.StartingAt(wrap.AddSeconds(5)));

        Assert.InRange(r.OffsetMs!.Value, -10_500, -9_500);
        Assert.InRange(r.ServerTime!.Value, wrap.AddSeconds(-6), wrap.AddSeconds(-4));
        Assert.InRange(r.LocalTime!.Value, wrap.AddSeconds(4), wrap.AddSeconds(6));
    }

    [LinuxFact]
    public async Task Many_queries_leave_no_socket_behind()
    {
        using var responder = NtpResponder.Always(new NtpReply(NtpReplyKind.Valid));
        await Measure(responder);
        var before = ConnDiag.Core.Tests.Tcp.Support.FileDescriptors.Count();

        for (var i = 0; i < 200; i++) await Measure(responder);

        Assert.InRange(ConnDiag.Core.Tests.Tcp.Support.FileDescriptors.Count(), before - 10, before + 10);
    }
}
