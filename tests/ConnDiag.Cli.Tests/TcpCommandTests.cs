using System.Net;
using System.Text.RegularExpressions;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Cli.Tests;

/// <summary>`conndiag tcp` as a whole process against loopback sockets the tests open.</summary>
public class TcpCommandTests
{
    [Fact]
    public async Task Open_port_exits_0_with_an_Open_row()
    {
        using var open = new OpenPort();

        var run = await Conndiag.RunAsync("tcp", $"127.0.0.1:{open.Port}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^TARGET\s+STATUS\s+ADDRESS\s+CONNECT$", run.StdoutLines[0]);
        Assert.Matches($@"^127\.0\.0\.1:{open.Port}\s+Open\s+127\.0\.0\.1\s+\d+\.\d ms$", run.StdoutLines[1]);
        Assert.Equal(2, run.StdoutLines.Length);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Closed_port_exits_1_with_TCP_REFUSED_and_its_remedy_under_the_row()
    {
        using var closed = new ClosedPort();

        var run = await Conndiag.RunAsync("tcp", $"127.0.0.1:{closed.Port}");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches($@"^127\.0\.0\.1:{closed.Port}\s+Closed\s+127\.0\.0\.1", run.StdoutLines[1]);
        Assert.Equal($"  TCP.REFUSED 127.0.0.1:{closed.Port} refused the connection.", run.StdoutLines[2]);
        Assert.StartsWith("    → ", run.StdoutLines[3]);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task One_refused_target_among_open_ones_fails_the_run_and_every_target_gets_a_row()
    {
        using var open = new OpenPort();
        using var closed = new ClosedPort();

        var run = await Conndiag.RunAsync("tcp", $"127.0.0.1:{open.Port}", $"127.0.0.1:{closed.Port}", $"localhost:{open.Port}");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(run.StdoutLines, l => Regex.IsMatch(l, $@"^127\.0\.0\.1:{open.Port}\s+Open\b"));
        Assert.Contains(run.StdoutLines, l => Regex.IsMatch(l, $@"^localhost:{open.Port}\s+(Open|Partial)\b"));
        Assert.Contains(run.StdoutLines, l => Regex.IsMatch(l, $@"^127\.0\.0\.1:{closed.Port}\s+Closed\b"));
    }

    [Fact]
    public async Task Bare_host_takes_each_port_of_the_list()
    {
        using var a = new OpenPort();
        using var b = new OpenPort();

        var run = await Conndiag.RunAsync("tcp", "127.0.0.1", "--port", $"{a.Port},{b.Port}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.StdoutLines, l => l.StartsWith($"127.0.0.1:{a.Port} ", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.StartsWith($"127.0.0.1:{b.Port} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_URL_target_is_probed_at_its_host_and_port()
    {
        using var open = new OpenPort();

        var run = await Conndiag.RunAsync("tcp", $"http://127.0.0.1:{open.Port}/v1/messages");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches($@"^127\.0\.0\.1:{open.Port}\s+Open\b", run.StdoutLines[1]);
    }

    [Fact]
    public async Task IPv6_loopback_target_in_brackets()
    {
        using var open = new OpenPort(IPAddress.IPv6Loopback);

        var run = await Conndiag.RunAsync("tcp", $"[::1]:{open.Port}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches($@"^\[::1\]:{open.Port}\s+Open\s+::1\s", run.StdoutLines[1]);
    }

    [Fact]
    public async Task Targets_come_from_a_file_skipping_blank_lines_and_comments()
    {
        using var a = new OpenPort();
        using var b = new OpenPort();
        using var file = new TempFile($"""
            # loopback services
            127.0.0.1:{a.Port}

            127.0.0.1:{b.Port}   # with a trailing comment
              # indented comment
            """);

        var run = await Conndiag.RunAsync("tcp", "--file", file.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, run.StdoutLines.Length);
        Assert.Contains(run.StdoutLines, l => l.StartsWith($"127.0.0.1:{a.Port} ", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.StartsWith($"127.0.0.1:{b.Port} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task File_lines_without_a_port_take_the_port_option()
    {
        using var open = new OpenPort();
        using var file = new TempFile("127.0.0.1\r\nlocalhost\r\n");

        var run = await Conndiag.RunAsync("tcp", "-f", file.Path, "-p", open.Port.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.StdoutLines, l => l.StartsWith($"127.0.0.1:{open.Port} ", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.StartsWith($"localhost:{open.Port} ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("--file", "-")]
    public async Task Targets_come_from_stdin(params string[] how)
    {
        using var open = new OpenPort();
        using var closed = new ClosedPort();

        var run = await Conndiag.RunAsync(["tcp", .. how], stdin: $"127.0.0.1:{open.Port}\n# comment\n127.0.0.1:{closed.Port}\n");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(run.StdoutLines, l => Regex.IsMatch(l, $@"^127\.0\.0\.1:{open.Port}\s+Open\b"));
        Assert.Contains(run.StdoutLines, l => Regex.IsMatch(l, $@"^127\.0\.0\.1:{closed.Port}\s+Closed\b"));
    }

    [Fact]
    public async Task IPv4_only_tries_no_IPv6_address()
    {
        using var open = new OpenPort();

        var run = await Conndiag.RunAsync("tcp", $"localhost:{open.Port}", "-4", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\"addressFamily\": \"InterNetwork\"", run.Stdout);
        Assert.DoesNotContain("InterNetworkV6", run.Stdout);
    }

    [LinuxFact]
    public async Task A_port_that_drops_SYNs_is_Filtered_after_the_timeout()
    {
        using var silent = new SilentPort();

        var run = await Conndiag.RunAsync("tcp", $"127.0.0.1:{silent.Port}", "--timeout", "0.5");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches($@"^127\.0\.0\.1:{silent.Port}\s+Filtered\b", run.StdoutLines[1]);
        Assert.Contains("TCP.FILTERED", run.Stdout);
    }
}
