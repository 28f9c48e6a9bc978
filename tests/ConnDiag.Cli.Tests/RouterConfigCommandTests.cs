using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;

namespace ConnDiag.Cli.Tests;

/// <summary>`conndiag router-config` as a process, over config files the test writes.</summary>
public sealed class RouterConfigCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "conndiag-cli-ccr-" + Guid.NewGuid().ToString("N"));

    public RouterConfigCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<CliRun> RunAsync(params string[] args) => Conndiag.RunAsync(["router-config", .. args], stdin: null);

    private string Write(string text, string name = "config.json")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A port nothing listens on, so the port check has nothing to say (3456 may be in use on a developer machine).</summary>
    private static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    internal static string Config(int port, string router = "\"default\": \"deepseek,deepseek-chat\", \"think\": \"deepseek,deepseek-reasoner\"", string key = "\"\"", string extra = "") => $$"""
        {
          // JSON5, as the router accepts it
          "PORT": {{port}},{{extra}}
          "Providers": [
            { "name": "deepseek", "api_base_url": "https://deepseek.example.test/chat/completions", "api_key": {{key}},
              "models": ["deepseek-chat", "deepseek-reasoner"], },
          ],
          "Router": { {{router}} },
        }
        """;

    [Fact]
    public async Task A_valid_config_prints_providers_and_routes_and_exits_0()
    {
        var path = Write(Config(FreePort()));

        var run = await RunAsync(path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"{path}  (claude-code-router v1/v2, valid)\nListens on 127.0.0.1:", run.Stdout);
        Assert.Matches(@"\ndeepseek +https://deepseek\.example\.test/chat/completions +deepseek-chat, deepseek-reasoner +Empty +- +yes\n", run.Stdout);
        Assert.Matches(@"\nthink +deepseek +deepseek-reasoner +yes\n", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task An_error_finding_exits_1_with_code_summary_and_remedy()
    {
        var path = Write(Config(FreePort(), router: "\"default\": \"deepseek,deepseek-r1\""));

        var run = await RunAsync(path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("(claude-code-router v1/v2, 1 error)", run.Stdout);
        Assert.Contains("  ROUTER.ROUTE_UNKNOWN_MODEL Router.default routes to model \"deepseek-r1\", which provider \"deepseek\" does not list.\n    → ", run.Stdout);
    }

    [Fact]
    public async Task A_syntax_error_names_path_line_and_column()
    {
        var path = Write("{\n  \"PORT\": 3456\n  \"HOST\": \"127.0.0.1\"\n}");

        var run = await RunAsync(path, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var finding = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray().ToList());
        Assert.Equal("ROUTER.CONFIG_SYNTAX", finding.GetProperty("code").GetString());
        Assert.StartsWith($"{path}:3:3: ", finding.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task A_warning_only_config_exits_0()
    {
        var run = await RunAsync(Write(Config(FreePort(), extra: " \"API_TIMEOUT_MS\": 6000,")));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ROUTER.TIMEOUT_TOO_LOW API_TIMEOUT_MS is 6000 ms (6 s)", run.Stdout);
    }

    [Fact]
    public async Task A_port_held_by_another_process_is_LOCAL_PORT_IN_USE_naming_the_test_process()
    {
        using var holder = new OpenPort();
        var path = Write(Config(holder.Port));

        var run = await RunAsync(path, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var finding = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray().ToList());
        Assert.Equal("LOCAL.PORT_IN_USE", finding.GetProperty("code").GetString());
        Assert.Contains($"(PID {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}) already listens on 127.0.0.1:{holder.Port}", finding.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task V3_is_detected_from_config_sqlite()
    {
        Write("SQLite format 3", "config.sqlite");
        var path = Write("{ \"Providers\": [] }");

        var run = await RunAsync(path, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal("V3", doc.RootElement.GetProperty("generation").GetString());
        Assert.Equal("ROUTER.V3_JSON_IGNORED", doc.RootElement.GetProperty("findings")[0].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("dir", "is a directory, not a router config file")]
    [InlineData("missing", "does not exist.")]
    [InlineData("binary", "holds binary data (NUL bytes), not JSON text.")]
    public async Task A_path_that_is_not_a_config_file_exits_2_with_one_line(string kind, string expected)
    {
        var path = kind switch
        {
            "dir" => _dir,
            "missing" => Path.Combine(_dir, "none.json"),
            _ => Path.Combine(_dir, "bin.json"),
        };
        if (kind == "binary") File.WriteAllBytes(path, [0x7B, 0x00, 0x7D]);

        var run = await RunAsync(path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith($"conndiag: {path} ", line);
        Assert.Contains(expected, line);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--json=yes")]
    [InlineData("a.json", "b.json")]
    public async Task Bad_arguments_exit_2(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("conndiag: ", Assert.Single(run.StderrLines));
    }

    [Theory]
    [InlineData("help", "router-config")]
    [InlineData("router-config", "--help")]
    public async Task Help_names_the_options_and_exit_codes(params string[] args)
    {
        var run = await Conndiag.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var text in new[] { "conndiag router-config [PATH] [--probe [--skip-provider-check]] [--json]", "--probe", "--skip-provider-check", "--json", "~/.claude-code-router/config.json", "ROUTER.CONFIG_SYNTAX", "Exit codes" })
        {
            Assert.Contains(text, run.Stdout);
        }
    }

    [Fact]
    public async Task The_general_help_and_the_unknown_command_message_list_router_config()
    {
        Assert.Contains("conndiag router-config [PATH] [--json]", (await Conndiag.RunAsync("--help")).Stdout);
        Assert.Contains("router-config", (await Conndiag.RunAsync("nosuchcommand")).Stderr);
    }

    [Fact]
    public async Task Secret_canaries_never_reach_stdout_or_stderr_in_text_or_json()
    {
        const string inline = "sk-CANARYinlineCli0123456789";
        const string client = "CANARYclientKeyCli0123";
        var variable = "CONNDIAG_CLI_CANARY_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        // The child inherits this process's environment, so $VAR resolves there as it would for the router.
        Environment.SetEnvironmentVariable(variable, "sk-CANARYenvCli0123456789abcd");
        try
        {
            var path = Write(Config(FreePort(), key: $"\"{inline}\"",
                extra: $" \"APIKEY\": \"{client}\", \"HOST\": \"0.0.0.0\", \"OTHER_API_KEY\": \"${variable}\", \"PROXY_URL\": \"http://u:CANARYpw0123@127.0.0.1:1\","));

            var text = await RunAsync(path);
            var json = await RunAsync(path, "--json");

            Assert.True(text.ExitCode == 0, text.ToString());
            Assert.Contains("ROUTER.INLINE_SECRET", text.Stdout);
            Assert.Contains("\"maskedKey\": \"sk-…6789\"", json.Stdout);
            Assert.DoesNotContain("CANARY", text.Stdout + text.Stderr + json.Stdout + json.Stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
