using ConnDiag.Cli.Tests.Fixtures;

namespace ConnDiag.Cli.Tests;

/// <summary>
/// Unparsable input: exit 2, nothing on stdout, exactly one line on stderr that names the bad token,
/// and never a stack trace.
/// </summary>
public class BadInputTests
{
    public static TheoryData<string[], string> Cases => new()
    {
        { ["tcp", "host:99999"], "conndiag: invalid target 'host:99999': port '99999' is not a number in 1-65535" },
        { ["tcp", ":80"], "invalid target ':80': empty host name" },
        { ["tcp", "host:"], "invalid target 'host:': empty port after ':'" },
        { ["tcp", "[::1"], "invalid target '[::1': missing ']'" },
        { ["tcp", "bad host:80"], "'bad host:80'" },
        { ["tcp", "host"], "invalid target 'host': no port" },
        { ["tcp", "--timeout", "abc", "127.0.0.1:1"], "invalid --timeout 'abc'" },
        { ["tcp", "--timeout", "0", "127.0.0.1:1"], "invalid --timeout '0'" },
        { ["tcp", "--timeout=301", "127.0.0.1:1"], "invalid --timeout '301'" },
        { ["tcp", "127.0.0.1:1", "--timeout"], "option '--timeout' needs a value" },
        { ["tcp", "--throttle", "0", "127.0.0.1:1"], "invalid --throttle '0': expected a whole number in 1-10000" },
        { ["tcp", "--throttle", "10001", "127.0.0.1:1"], "invalid --throttle '10001'" },
        { ["tcp", "-p", "70000", "127.0.0.1"], "invalid -p '70000'" },
        { ["tcp", "--port", "80,x", "127.0.0.1"], "'x' is not a port number" },
        { ["tcp", "-4", "-6", "127.0.0.1:1"], "-4/--ipv4 and -6/--ipv6 exclude each other" },
        { ["tcp", "--json=yes", "127.0.0.1:1"], "'--json=yes'" },
        { ["tcp", "--frobnicate", "127.0.0.1:1"], "unknown option '--frobnicate' for 'conndiag tcp'" },
        { ["tcp"], "no targets" },
        { ["tcp", "--file", "/nonexistent/conndiag-targets.txt"], "cannot read --file '/nonexistent/conndiag-targets.txt'" },
        { ["frobnicate"], "unknown command 'frobnicate'" },
        { ["--frobnicate"], "unknown option '--frobnicate'" },
        { ["help", "frobnicate"], "unknown command 'frobnicate'" },
        { [], "no command given" },
        { ["port-owner", "abc"], "invalid port 'abc'" },
        { ["port-owner", "0"], "invalid port '0'" },
        { ["port-owner", "65536"], "invalid port '65536'" },
        { ["port-owner", "--tcp", "--udp"], "--tcp and --udp exclude each other" },
        { ["port-owner", "--listening"], "unknown option '--listening' for 'conndiag port-owner'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Exits_2_with_one_line_naming_the_bad_token(string[] args, string expected)
    {
        var run = await Conndiag.RunAsync(args);

        AssertOneLineError(run, expected);
    }

    [Fact]
    public async Task A_bad_line_in_a_file_is_named_by_file_and_line()
    {
        using var file = new TempFile("# targets\n127.0.0.1:1\n\nhost:99999\n127.0.0.1:2\n");

        var run = await Conndiag.RunAsync("tcp", "--file", file.Path);

        AssertOneLineError(run, $"{file.Path}:4: invalid target 'host:99999': port '99999' is not a number in 1-65535");
    }

    [Fact]
    public async Task A_bad_line_on_stdin_is_named_by_line()
    {
        var run = await Conndiag.RunAsync(["tcp", "-"], stdin: "127.0.0.1:1\n[::1\n");

        AssertOneLineError(run, "stdin:2: invalid target '[::1'");
    }

    [Fact]
    public async Task A_file_without_line_breaks_fails_at_the_line_cap_instead_of_being_read_whole()
    {
        using var file = new TempFile(new string('a', 100_000));

        var run = await Conndiag.RunAsync("tcp", "-f", file.Path);

        AssertOneLineError(run, $"{file.Path}:1: line is longer than 4096 characters");
    }

    [Fact]
    public async Task A_file_of_comments_only_has_no_targets()
    {
        using var file = new TempFile("# nothing here\n\n   \n");

        var run = await Conndiag.RunAsync("tcp", "-f", file.Path);

        AssertOneLineError(run, "no targets");
    }

    [Fact]
    public async Task Bad_input_is_reported_before_any_connect()
    {
        // The good target comes first; bad input must still stop the run before anything is printed.
        using var open = new OpenPort();

        var run = await Conndiag.RunAsync("tcp", $"127.0.0.1:{open.Port}", "host:99999");

        AssertOneLineError(run, "'host:99999'");
    }

    internal static void AssertOneLineError(CliRun run, string expected)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("conndiag: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
    }
}
