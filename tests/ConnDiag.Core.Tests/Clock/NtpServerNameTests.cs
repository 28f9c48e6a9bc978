using System.Net;
using ConnDiag.Clock;
using ConnDiag.Core.Tests.Clock.Support;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Tcp.Support;
using ConnDiag.Findings;

namespace ConnDiag.Core.Tests.Clock;

/// <summary>An NTP server name: a lookup failure, and a name with several addresses of which one answers.</summary>
public class NtpServerNameTests
{
    [Fact]
    public async Task A_name_that_does_not_resolve_is_DNS_LOOKUP_FAILED_and_nothing_is_sent()
    {
        var probe = new ClockSkewProbe(new FixedResolver("time.test"));
        Assert.True(ClockSource.TryParseNtpServer("nosuch.test", out var source, out _));

        var r = await probe.MeasureAsync(source!, new ClockSkewOptions(TimeSpan.FromSeconds(1)));

        Assert.False(r.Succeeded);
        Assert.Equal(0, r.Requests);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.DnsLookupFailed, f.Code);
        Assert.StartsWith("nosuch.test did not resolve", f.Summary, StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task Requests_move_on_to_the_next_address_when_one_refuses()
    {
        // The responder listens on 127.0.0.1 only, so its port on 127.0.0.2 answers ICMP port unreachable.
        using var responder = NtpResponder.Always(new NtpReply(NtpReplyKind.Valid, Offset: TimeSpan.FromSeconds(20)));
        var probe = new ClockSkewProbe(new FixedResolver("time.test", IPAddress.Parse("127.0.0.2"), IPAddress.Loopback));
        Assert.True(ClockSource.TryParseNtpServer($"time.test:{responder.Port}", out var source, out _));

        var r = await probe.MeasureAsync(source!, new ClockSkewOptions(TimeSpan.FromSeconds(2)));

        Assert.True(r.Succeeded, string.Join("; ", r.Findings));
        Assert.Equal(IPAddress.Loopback, r.RemoteAddress);
        Assert.Equal($"time.test:{responder.Port}", r.Source);
        Assert.InRange(r.OffsetMs!.Value, 19_000, 21_000);
        Assert.Equal(2, r.Requests);
        // The same tolerance as the offset: a loaded machine delays the reply unevenly (20.4 s seen in a full run).
        Assert.Matches(@"\b(19|20|21)\.\d s behind", Assert.Single(r.Findings).Summary);
    }
}
