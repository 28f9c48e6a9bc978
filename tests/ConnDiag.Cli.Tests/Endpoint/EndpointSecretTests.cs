using ConnDiag.Cli.Tests.Fixtures;

namespace ConnDiag.Cli.Tests.Endpoint;

/// <summary>
/// Canary secrets given the ways the command allows (a token in an env var or a file, a secret header, a proxy
/// password) reach the server but never stdout, stderr or the JSON, even when the server echoes them back.
/// </summary>
public sealed class EndpointSecretTests(EndpointServers servers) : IClassFixture<EndpointServers>
{
    private const string Token = "sk-canary-TOKEN-7f3a9c21e5d04b6a";
    private const string HeaderSecret = "sk-canary-HEADER-0b8e4d2a9f6c7e15";
    private const string ProxyPassword = "canary-PROXYPW-5d1e";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_token_from_the_environment_and_a_secret_header_are_sent_but_never_printed(bool json)
    {
        var url = servers.Plain.Url("/echo").ToString();
        string[] args = [url, "--token-env", "CONNDIAG_TEST_TOKEN", "-H", $"X-Api-Key: {HeaderSecret}", .. json ? new[] { "--json" } : []];

        var run = await EndpointServers.RunAsync(args, new Dictionary<string, string?> { ["CONNDIAG_TEST_TOKEN"] = Token });

        // The echo route answers 401: the report's findings carry its evidence, the echoed header and body preview.
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("HTTP.UNAUTHORIZED", run.Stdout);
        var received = servers.Plain.Received.Last(r => r.Path == "/echo");
        Assert.Contains(received.Headers, h => h.Key == "Authorization" && h.Value == "Bearer " + Token);
        Assert.Contains(received.Headers, h => h.Key == "X-Api-Key" && h.Value == HeaderSecret);
        // The echo did reach the report (finding evidence, body preview, X-Echo header), masked.
        Assert.Contains("auth=Bearer ", run.Stdout);
        Assert.Contains("…", run.Stdout);
        if (json) Assert.Contains("\"X-Echo\"", run.Stdout);
        AssertNoSecret(run);
        // Not even a recognisable piece of either secret's middle.
        Assert.DoesNotContain("TOKEN-7f3a", run.Stdout);
        Assert.DoesNotContain("HEADER-0b8e", run.Stdout);
    }

    [Fact]
    public async Task A_token_file_is_read_without_its_trailing_newline_and_never_printed()
    {
        using var file = new TempFile(Token + "\n");

        var run = await EndpointServers.RunAsync([servers.Plain.Url("/echo").ToString(), "--token-file", file.Path, "--json"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(servers.Plain.Received, r => r.Path == "/echo" && r.Headers.Any(h => h.Value == "Bearer " + Token));
        AssertNoSecret(run);
    }

    [Fact]
    public async Task A_proxy_password_is_masked_when_the_proxy_is_down()
    {
        using var closed = new ClosedPort();

        var run = await EndpointServers.RunAsync([servers.Plain.Url("/ok").ToString(), "--proxy", $"http://user:{ProxyPassword}@127.0.0.1:{closed.Port}", "--json"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("\"proxy\"", run.Stdout);
        Assert.DoesNotContain(ProxyPassword, run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task A_rejected_token_is_named_without_its_value()
    {
        // A token with a line break in the middle is refused by the engine's validation: the error must not echo it.
        var run = await EndpointServers.RunAsync([servers.Plain.Url("/ok").ToString(), "--token-env", "CONNDIAG_TEST_TOKEN"],
            new Dictionary<string, string?> { ["CONNDIAG_TEST_TOKEN"] = Token + "\nsecond-line" });

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Single(run.StderrLines);
        Assert.Contains("line break", run.Stderr);
        AssertNoSecret(run);
    }

    [Fact]
    public async Task A_header_without_a_colon_is_refused_without_echoing_it()
    {
        var run = await EndpointServers.RunAsync([servers.Plain.Url("/ok").ToString(), "-H", HeaderSecret]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("expected 'Name: value'", run.Stderr);
        AssertNoSecret(run);
    }

    private static void AssertNoSecret(CliRun run)
    {
        foreach (var secret in new[] { Token, HeaderSecret, ProxyPassword })
        {
            Assert.DoesNotContain(secret, run.Stdout);
            Assert.DoesNotContain(secret, run.Stderr);
        }
    }
}
