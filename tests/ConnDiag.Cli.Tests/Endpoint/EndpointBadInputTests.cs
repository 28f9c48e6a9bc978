using ConnDiag.Cli.Tests.Fixtures;

namespace ConnDiag.Cli.Tests.Endpoint;

/// <summary>Bad input to `conndiag endpoint`: exit 2, nothing on stdout, one line naming the problem, no stack trace.</summary>
public class EndpointBadInputTests
{
    public static TheoryData<string[], string> Cases => new()
    {
        { ["--frobnicate", "http://127.0.0.1:1/"], "unknown option '--frobnicate' for 'conndiag endpoint'" },
        { ["ftp://127.0.0.1/file"], "scheme 'ftp' is not supported" },
        { ["http://user:hunter2@127.0.0.1:1/"], "the URL carries user credentials" },
        { ["host:99999"], "invalid target" },
        { ["http://127.0.0.1:1/", "--timeout", "0"], "Timeout 0 s is out of range" },
        { ["http://127.0.0.1:1/", "--timeout", "abc"], "invalid --timeout 'abc': expected a number" },
        { ["http://127.0.0.1:1/", "--connect-to", "example.com"], "ConnectTo 'example.com' is not an IP address" },
        { ["http://127.0.0.1:1/", "--connect-to", "127.0.0.1:0"], "ConnectTo '127.0.0.1:0'" },
        { ["http://127.0.0.1:1/", "--token-env", "CONNDIAG_TEST_UNSET_VARIABLE"], "--token-env CONNDIAG_TEST_UNSET_VARIABLE: the environment variable is not set" },
        { ["http://127.0.0.1:1/", "--token-file", "/nonexistent/conndiag-token"], "cannot read --token-file '/nonexistent/conndiag-token': no such" },
        { ["http://127.0.0.1:1/", "--user-env", "CONNDIAG_TEST_UNSET_VARIABLE"], "--user-env CONNDIAG_TEST_UNSET_VARIABLE" },
        { ["http://127.0.0.1:1/", "--retries", "11"], "Retries 11 is out of range" },
        { ["http://127.0.0.1:1/", "--expect-status", "200,abc"], "invalid --expect-status 'abc'" },
        { ["http://127.0.0.1:1/", "--expect-status", "99"], "ExpectStatus 99 is out of range" },
        { ["http://127.0.0.1:1/", "--expect-body", "("], "the body pattern is not a valid regular expression" },
        { ["http://127.0.0.1:1/", "--warn-ms", "800", "--critical-ms", "100"], "CriticalMs 100 is below WarnMs 800" },
        { ["http://127.0.0.1:1/", "--resolver", "udp://"], "Resolver: " },
        { ["http://127.0.0.1:1/", "--cacert", "/nonexistent/ca.pem"], "CA bundle '/nonexistent/ca.pem' does not exist" },
        { ["http://127.0.0.1:1/", "--proxy", "gopher://proxy:70"], "unsupported proxy scheme 'gopher'" },
        { ["http://127.0.0.1:1/", "--throttle", "0"], "invalid --throttle '0': expected a whole number in 1-256" },
        { ["http://127.0.0.1:1/", "-X", "GET POST"], "method 'GET POST' is not an HTTP method token" },
        { ["http://127.0.0.1:1/", "-4", "-6"], "-4/--ipv4 and -6/--ipv6 exclude each other" },
        { ["http://127.0.0.1:1/", "--max-body", "-1"], "MaxBodyBytes -1 is out of range" },
        { ["http://127.0.0.1:1/", "--origin", "https://app.example/path"], "is not scheme://host[:port]" },
        { [], "endpoint: no targets" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Exits_2_with_one_line_naming_the_problem(string[] args, string expected)
    {
        var run = await EndpointServers.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("conndiag: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
    }

    [Fact]
    public async Task A_url_with_credentials_is_refused_with_the_password_masked()
    {
        var run = await EndpointServers.RunAsync(["https://admin:s3cr3t-canary-pw@127.0.0.1:1/"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("s3cr3t-canary-pw", run.Stderr);
    }

    [Fact]
    public async Task A_bad_line_in_a_file_is_named_by_file_and_line_before_any_probe()
    {
        using var file = new TempFile("http://127.0.0.1:1/\nftp://127.0.0.1/x\n");

        var run = await EndpointServers.RunAsync(["--file", file.Path]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Contains($"{file.Path}:2: invalid target", run.Stderr);
    }
}
