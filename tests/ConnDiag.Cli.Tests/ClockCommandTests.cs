using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Clock.Support;

namespace ConnDiag.Cli.Tests;

/// <summary>
/// `conndiag clock` as a whole process against an NTP responder and an HTTP server on real loopback sockets
/// in the test process. No test runs `clock` without a source: that would ask the machine's configured
/// (public) NTP server.
/// </summary>
public class ClockCommandTests
{
    [Fact]
    public async Task A_clock_in_step_with_the_NTP_server_exits_0_with_one_row()
    {
        using var ntp = NtpResponder.Always(new NtpReply(NtpReplyKind.Valid));

        var run = await Conndiag.RunAsync("clock", "--ntp", ntp.Server);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^SOURCE\s+METHOD\s+OFFSET\s+±\s+ROUND TRIP\s+STRATUM$", run.StdoutLines[0]);
        Assert.Matches($@"^{Regex.Escape(ntp.Server)}\s+Ntp\s+[+-]?\d+\.\d ms\s+\d+\.\d ms\s+\d+\.\d ms\s+2$", run.StdoutLines[1]);
        Assert.Equal(2, run.StdoutLines.Length);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task A_server_an_hour_ahead_exits_1_with_CLOCK_SKEW_saying_the_local_clock_is_behind()
    {
        using var ntp = NtpResponder.Always(new NtpReply(NtpReplyKind.Valid, Offset: TimeSpan.FromHours(1)));

        var run = await Conndiag.RunAsync("clock", "--ntp", ntp.Server);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches($@"^{Regex.Escape(ntp.Server)}\s+Ntp\s+\+3(599\.9|600\.0)\d\d s\s", run.StdoutLines[1]);
        Assert.Equal($"  CLOCK.SKEW The local clock is 1 h 0 min behind {ntp.Server} (NTP).", run.StdoutLines[2]);
        Assert.StartsWith("    → Turn on time synchronization", run.StdoutLines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_offset_allows_a_known_skew()
    {
        using var ntp = NtpResponder.Always(new NtpReply(NtpReplyKind.Valid, Offset: TimeSpan.FromHours(1)));

        var run = await Conndiag.RunAsync("clock", "--ntp", ntp.Server, "--max-offset", "7200");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("CLOCK.SKEW", run.Stdout);
    }

    [Fact]
    public async Task A_Date_header_two_hours_behind_means_the_local_clock_is_ahead()
    {
        using var http = DateHttpServer.Skewed(TimeSpan.FromHours(-2));

        var run = await Conndiag.RunAsync("clock", "--url", http.Uri.ToString());

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches($@"^{Regex.Escape(http.Uri.ToString())}\s+HttpDate\s+-7\d\d\d\.\d\d\d s\s+\d+\.\d ms\s+\d+\.\d ms\s+-$", run.StdoutLines[1]);
        Assert.Equal($"  CLOCK.SKEW The local clock is 2 h 0 min ahead of {http.Uri} (HTTP Date).", run.StdoutLines[2]);
    }

    [Fact]
    public async Task Json_has_one_result_per_source_in_the_order_given()
    {
        using var ntp = NtpResponder.Always(new NtpReply(NtpReplyKind.Valid, Offset: TimeSpan.FromMinutes(-3)));
        using var http = DateHttpServer.Skewed(TimeSpan.Zero);

        var run = await Conndiag.RunAsync("clock", "--url", http.Uri.ToString(), "--ntp", ntp.Server, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var results = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal("HttpDate", results[0].GetProperty("method").GetString());
        Assert.True(results[0].GetProperty("succeeded").GetBoolean());
        Assert.False(results[0].GetProperty("isSkewed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, results[0].GetProperty("stratum").ValueKind);
        Assert.Equal("Ntp", results[1].GetProperty("method").GetString());
        Assert.Equal(ntp.Server, results[1].GetProperty("source").GetString());
        Assert.InRange(results[1].GetProperty("offsetMs").GetDouble(), -181_000, -179_000);
        Assert.True(results[1].GetProperty("isSkewed").GetBoolean());
        Assert.Equal("CLOCK.SKEW", results[1].GetProperty("findings")[0].GetProperty("code").GetString());
        Assert.False(results[1].TryGetProperty("offset", out _), "the TimeSpan stays out of JSON; offsetMs carries it");
        Assert.True(DateTimeOffset.TryParse(results[1].GetProperty("serverTime").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task A_silent_server_exits_1_with_CLOCK_NO_RESPONSE_after_the_bounded_requests()
    {
        using var ntp = new NtpResponder(_ => []);

        var run = await Conndiag.RunAsync("clock", "--ntp", ntp.Server, "--timeout", "0.2");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches($@"^{Regex.Escape(ntp.Server)}\s+Ntp\s+-\s+-\s+-\s+-$", run.StdoutLines[1]);
        Assert.Equal($"  CLOCK.NO_RESPONSE The NTP server {ntp.Server} did not answer.", run.StdoutLines[2]);
        Assert.Equal(3, ntp.Requests.Count);
    }

    [Fact]
    public async Task A_kiss_o_death_exits_1_and_names_the_code()
    {
        using var ntp = NtpResponder.Always(new NtpReply(NtpReplyKind.KissOfDeath, KissCode: "RATE"));

        var run = await Conndiag.RunAsync("clock", "--ntp", ntp.Server);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"  CLOCK.KISS_OF_DEATH The NTP server {ntp.Server} refused to serve time: kiss code RATE.", run.StdoutLines);
    }

    [Theory]
    [InlineData("invalid --ntp 'http://time.example.com/': 'http://time.example.com/' is a URL", "--ntp", "http://time.example.com/")]
    [InlineData("invalid --ntp 'time.example.com:0'", "--ntp", "time.example.com:0")]
    [InlineData("invalid --url 'ftp://example.com/': 'ftp://example.com/': scheme 'ftp' is not http or https", "--url", "ftp://example.com/")]
    [InlineData("invalid --url 'example.com'", "--url", "example.com")]
    [InlineData("invalid --max-offset '-1'", "--ntp", "127.0.0.1:9", "--max-offset", "-1")]
    [InlineData("invalid --timeout '0'", "--ntp", "127.0.0.1:9", "--timeout", "0")]
    [InlineData("clock takes no positional arguments (got 'time.example.com')", "time.example.com")]
    [InlineData("option '--ntp' needs a value", "--ntp")]
    [InlineData("unknown option '--server' for 'conndiag clock'", "--server", "x")]
    public async Task Bad_input_exits_2_with_one_line_naming_it_and_sends_nothing(string expected, params string[] args)
    {
        var run = await Conndiag.RunAsync(["clock", .. args], stdin: null);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("conndiag: " + expected, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help", "clock")]
    [InlineData("clock", "--help")]
    public async Task Clock_help_names_every_option_and_the_sign_convention(params string[] args)
    {
        var run = await Conndiag.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var text in new[] { "--ntp", "--url", "--timeout", "--max-offset", "--json", "CLOCK.SKEW", "BEHIND", "AHEAD" })
        {
            Assert.Contains(text, run.Stdout);
        }
    }
}
