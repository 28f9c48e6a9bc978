using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Claude.Status.Support;
using ConnDiag.Core.Tests.Claude.Support;

namespace ConnDiag.Cli.Tests.Claude;

/// <summary>`conndiag claude` as a whole process against the loopback fake API: verdicts, exit codes, text and JSON.</summary>
public sealed class ClaudeCommandTests : IAsyncLifetime
{
    private ClaudeCli _cli = null!;

    public async Task InitializeAsync() => _cli = await ClaudeCli.StartAsync();

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    internal static JsonElement Stage(JsonElement report, string name) =>
        report.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == name);

    private static void AssertNoCanary(CliRun run)
    {
        Assert.DoesNotContain(ClaudeCli.Key, run.Stdout);
        Assert.DoesNotContain(ClaudeCli.Key, run.Stderr);
        Assert.DoesNotContain(ClaudeCli.RouterToken, run.Stdout);
        Assert.DoesNotContain(ClaudeCli.RouterToken, run.Stderr);
        // Not even a long slice of it (masking keeps only the prefix and the last four characters).
        Assert.DoesNotContain(ClaudeCli.Key[14..40], run.Stdout);
    }

    [Fact]
    public async Task A_valid_key_passes_with_the_config_block_request_ids_and_exit_0()
    {
        var run = await _cli.RunAsync(["--key-env", "CANARY_KEY"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("claude-config", run.Stdout);
        Assert.Contains("tokens", run.Stdout);
        Assert.Contains("status-page", run.Stdout);
        Assert.Contains("effective config:", run.Stdout);
        Assert.Matches(@"ANTHROPIC_API_KEY=sk-ant-\S*Kk42 \(option, \d+ chars\)|ANTHROPIC_API_KEY=sk-ant-\S*Kk42 \(", run.Stdout);
        Assert.Contains("request ids: req_", run.Stdout);
        Assert.Contains($"models: {FakeAnthropicServer.KnownModel}", run.Stdout);
        Assert.Equal("", run.Stderr);
        AssertNoCanary(run);
    }

    [Fact]
    public async Task An_invalid_key_fails_auth_with_exit_1()
    {
        var run = await _cli.RunAsync(["--key-env", "WRONG_KEY"], new Dictionary<string, string?> { ["WRONG_KEY"] = "sk-ant-api03-wrong0123456789abcdef0123456789Xx00" });

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Fail at auth", run.Stdout);
        Assert.Contains("AUTH.INVALID_KEY", run.Stdout);
        Assert.DoesNotContain("0123456789abcdef0123456789", run.Stdout);
    }

    [Fact]
    public async Task A_429_warns_with_the_rate_limits_in_text_and_json()
    {
        _cli.Server.Scenario = FakeScenario.RateLimited;

        var text = await _cli.RunAsync(["--key-env", "CANARY_KEY"]);
        var json = await _cli.RunAsync(["--key-env", "CANARY_KEY", "--json"]);

        // Rate limited means connectivity works: a warning, exit 0, with the reset times to wait for.
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("API.RATE_LIMITED (Warning)", text.Stdout);
        Assert.Contains("rate limits: ", text.Stdout);
        Assert.Contains("retry-after 17 s", text.Stdout);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var limits = doc.RootElement.GetProperty("rateLimits");
        Assert.Equal(17, limits.GetProperty("retryAfterSeconds").GetDouble());
        Assert.NotEmpty(limits.GetProperty("windows").EnumerateArray());
        Assert.Equal("Warn", doc.RootElement.GetProperty("outcome").GetString());
        AssertNoCanary(json);
    }

    [Fact]
    public async Task The_router_profile_sends_the_token_as_bearer()
    {
        _cli.Server.Kind = FakeKind.RouterV2;

        var run = await _cli.RunAsync(["--profile", "router", "--token-env", "ROUTER_TOKEN", "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal("ClaudeCodeRouter", doc.RootElement.GetProperty("profile").GetString());
        Assert.Contains("profile option", doc.RootElement.GetProperty("profileReason").GetString());
        var auth = _cli.Server.Received.Single(q => q.Path == "/v1/models?limit=1");
        Assert.Contains(auth.Headers, h => h.Key == "Authorization" && h.Value == "Bearer " + ClaudeCli.RouterToken);
        AssertNoCanary(run);
    }

    [Fact]
    public async Task A_router_user_whose_home_has_no_completed_onboarding_is_warned_and_a_completed_one_is_not()
    {
        _cli.Server.Kind = FakeKind.RouterV2;

        var before = await _cli.RunAsync(["--profile", "router", "--token-env", "ROUTER_TOKEN"]);
        File.WriteAllText(Path.Combine(_cli.Home, ".claude.json"), "{\"hasCompletedOnboarding\": true}");
        var after = await _cli.RunAsync(["--profile", "router", "--token-env", "ROUTER_TOKEN", "--json"]);

        // A warning: the connection to the router works, only Claude Code's first start may not.
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains("CONFIG.ONBOARDING_INCOMPLETE", before.Stdout);
        Assert.Contains(".claude.json", before.Stdout);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.DoesNotContain("CONFIG.ONBOARDING_INCOMPLETE", after.Stdout);
        using var doc = JsonDocument.Parse(after.Stdout);
        Assert.True(doc.RootElement.GetProperty("effectiveConfig").GetProperty("state").GetProperty("hasCompletedOnboarding").GetBoolean());
    }

    [Fact]
    public async Task Ipv4_only_passes_for_the_loopback_fake_and_ipv6_only_fails_before_any_request_and_both_is_invalid()
    {
        var v4 = await _cli.RunAsync(["--key-env", "CANARY_KEY", "-4", "--json"]);
        var before = _cli.Server.Received.Count;
        var v6 = await _cli.RunAsync(["--key-env", "CANARY_KEY", "--ipv6", "--json"]);
        var both = await _cli.RunAsync(["--key-env", "CANARY_KEY", "-4", "-6"]);

        Assert.True(v4.ExitCode == 0, v4.ToString());
        Assert.True(v6.ExitCode == 1, v6.ToString());
        using var doc = JsonDocument.Parse(v6.Stdout);
        // The base URL is https://127.0.0.1:PORT: with IPv6 only, there is no address to connect to.
        Assert.NotNull(doc.RootElement.GetProperty("failedStage").GetString());
        Assert.Equal(before, _cli.Server.Received.Count);
        Assert.True(both.ExitCode == 2, both.ToString());
        Assert.Contains("exclude each other", both.Stderr);
    }

    [Fact]
    public async Task Stage_http_stops_before_the_key_is_sent_and_an_unknown_stage_exits_2()
    {
        var run = await _cli.RunAsync(["--key-env", "CANARY_KEY", "--stage", "http", "--json"]);
        var bad = await _cli.RunAsync(["--key-env", "CANARY_KEY", "--stage", "nope"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var auth = doc.RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "auth");
        Assert.Equal("Skipped", auth.GetProperty("outcome").GetString());
        Assert.DoesNotContain(_cli.Server.Received, q => q.Headers.Any(h => h.Key.Equals("x-api-key", StringComparison.OrdinalIgnoreCase)));
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("Stage 'nope' is not a stage of this run", bad.Stderr);
        AssertNoCanary(run);
    }

    [Fact]
    public async Task The_canary_key_never_appears_in_json_even_when_a_gateway_echoes_it()
    {
        _cli.Server.Scenario = FakeScenario.EchoCredentials;

        var json = await _cli.RunAsync(["--key-env", "CANARY_KEY", "--json", "--send-message"]);
        var text = await _cli.RunAsync(["--key-env", "CANARY_KEY", "--send-message"]);

        Assert.Contains("\"effectiveConfig\"", json.Stdout);
        AssertNoCanary(json);
        AssertNoCanary(text);
    }

    [Fact]
    public async Task A_status_page_url_on_loopback_is_read_and_no_status_page_turns_it_off()
    {
        await using var pages = await StatuspageFixture.StartAsync();

        var read = await _cli.RunAsync(["--key-env", "CANARY_KEY", "--status-page-url", pages.Page(StatuspageFixture.Outage), "--json"]);
        var off = await _cli.RunAsync(["--key-env", "CANARY_KEY", "--status-page-url", pages.Page(StatuspageFixture.Outage), "--no-status-page"]);

        // An outage warns; it never fails the run.
        Assert.True(read.ExitCode == 0, read.ToString());
        using var doc = JsonDocument.Parse(read.Stdout);
        Assert.Equal("Warn", Stage(doc.RootElement, "status-page").GetProperty("outcome").GetString());
        Assert.Equal("Major", doc.RootElement.GetProperty("statusPage").GetProperty("indicator").GetString());
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Matches(@"status-page\s+Skipped.*turned off", off.Stdout);
        Assert.Single(pages.RequestedPaths);
    }

    [Fact]
    public async Task By_default_a_loopback_base_url_reads_no_status_page()
    {
        var run = await _cli.RunAsync(["--key-env", "CANARY_KEY", "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal("Skipped", Stage(doc.RootElement, "status-page").GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("statusPage").ValueKind);
    }

    [Theory]
    [InlineData("--key-env", "NOT_SET_ANYWHERE_42", "not set")]
    [InlineData("--key-file", "/nonexistent/conndiag/key", "cannot read --key-file")]
    [InlineData("--profile", "bedrock", "expected anthropic, gateway or router")]
    [InlineData("--status-page-url", "ftp://status.example", "Status page URL")]
    [InlineData("--timeout", "0", "Timeout")]
    [InlineData("--api-key", "sk-ant-api03-argv", "--api-key")]
    [InlineData("positional", "x", "unexpected argument")]
    public async Task Bad_input_exits_2_with_one_line_and_nothing_contacted(string option, string value, string expected)
    {
        var run = await _cli.RunAsync(option == "positional" ? [value] : [option, value]);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.StderrLines);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("sk-ant-api03-argv", run.Stderr);
        Assert.Empty(_cli.Server.Received);
    }

    [Fact]
    public async Task Key_env_and_key_file_together_are_refused()
    {
        var run = await _cli.RunAsync(["--key-env", "CANARY_KEY", "--key-file", "/dev/null"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--key-env and --key-file both give an API key", run.Stderr);
    }

    [Fact]
    public async Task An_invalid_base_url_exits_2()
    {
        var run = await Conndiag.RunAsync(["claude", "--base-url", "ftp://api.example"], stdin: null,
            environment: new Dictionary<string, string?> { ["ANTHROPIC_BASE_URL"] = null });

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Base URL", Assert.Single(run.StderrLines));
    }

    [Fact]
    public async Task Help_lists_the_options()
    {
        var run = await Conndiag.RunAsync("help", "claude");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--key-env VAR", run.Stdout);
        Assert.Contains("--no-status-page", run.Stdout);
    }
}
