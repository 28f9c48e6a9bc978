using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Claude.Router.Support;

namespace ConnDiag.Cli.Tests;

/// <summary>`conndiag router-config --probe` as a process against a fake claude-code-router v2 on loopback.</summary>
public sealed class RouterConfigProbeCommandTests : IDisposable
{
    private const string Key = "ccr-cli-key-CANARY-41c9e0";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "conndiag-cli-ccr-probe-" + Guid.NewGuid().ToString("N"));

    public RouterConfigProbeCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The config's provider is deepseek.example.test: router tests skip the provider step, so nothing looks it up.
    internal static string Config(int port) => RouterConfigCommandTests.Config(port, extra: $" \"HOST\": \"127.0.0.1\", \"APIKEY\": \"{Key}\",");

    private string Write(int port)
    {
        var path = Path.Combine(_dir, "config.json");
        File.WriteAllText(path, Config(port));
        return path;
    }

    [Fact]
    public async Task A_running_v2_router_with_the_right_key_passes_and_the_key_is_never_printed()
    {
        await using var router = await FakeRouters.StartV2Async(Key);
        var path = Write(router.Port);

        var text = await Conndiag.RunAsync(["router-config", path, "--probe", "--skip-provider-check"], stdin: null);
        var json = await Conndiag.RunAsync(["router-config", path, "--probe", "--skip-provider-check", "--json"], stdin: null);

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains($"Probe http://127.0.0.1:{router.Port}: claude-code-router v1/v2\n", text.Stdout);
        Assert.Contains("POST /v1/messages/count_tokens: 200, APIKEY accepted", text.Stdout);
        // The router holding its own port is not LOCAL.PORT_IN_USE.
        Assert.DoesNotContain("LOCAL.PORT_IN_USE", text.Stdout);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var probe = doc.RootElement.GetProperty("probe");
        Assert.Equal("V2", probe.GetProperty("generation").GetString());
        Assert.True(probe.GetProperty("keyAccepted").GetBoolean());
        Assert.DoesNotContain("CANARY", text.Stdout + text.Stderr + json.Stdout + json.Stderr);
    }

    [Fact]
    public async Task A_router_with_another_key_exits_1_with_ROUTER_KEY_REJECTED()
    {
        await using var router = await FakeRouters.StartV2Async("the-key-the-router-really-has");

        var run = await Conndiag.RunAsync(["router-config", Write(router.Port), "--probe", "--skip-provider-check"], stdin: null);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("AUTH.ROUTER_KEY_REJECTED", run.Stdout);
        Assert.DoesNotContain("CANARY", run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task A_provider_whose_port_refuses_is_ROUTER_PROVIDER_UNREACHABLE_at_tcp_and_exits_1()
    {
        await using var router = await FakeRouters.StartV2Async(Key);
        var providerPort = FreeLoopbackPort();
        var path = Path.Combine(_dir, "config.json");
        File.WriteAllText(path, $$"""
            {
              "PORT": {{router.Port}}, "HOST": "127.0.0.1", "APIKEY": "{{Key}}",
              "Providers": [ { "name": "local", "api_base_url": "https://127.0.0.1:{{providerPort}}/v1/chat/completions", "api_key": "", "models": ["m1"] } ],
              "Router": { "default": "local,m1" }
            }
            """);

        var text = await Conndiag.RunAsync(["router-config", path, "--probe"], stdin: null);
        var json = await Conndiag.RunAsync(["router-config", path, "--probe", "--json"], stdin: null);

        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Contains("Providers (direct, no PROXY_URL):", text.Stdout);
        Assert.Contains("ROUTER.PROVIDER_UNREACHABLE", text.Stdout);
        Assert.Contains($"Provider 'local' at https://127.0.0.1:{providerPort} is unreachable", text.Stdout);
        Assert.True(json.ExitCode == 1, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var check = Assert.Single(doc.RootElement.GetProperty("providerChecks").EnumerateArray());
        Assert.False(check.GetProperty("reachable").GetBoolean());
        Assert.Equal("tcp", check.GetProperty("failedStage").GetString());
        Assert.Equal("Fail", check.GetProperty("report").GetProperty("outcome").GetString());
        // The router itself is fine: only the provider fails.
        Assert.True(doc.RootElement.GetProperty("probe").GetProperty("keyAccepted").GetBoolean());
        Assert.DoesNotContain("CANARY", text.Stdout + text.Stderr + json.Stdout + json.Stderr);
    }

    [Fact]
    public async Task Skip_provider_check_without_probe_is_invalid_input()
    {
        var run = await Conndiag.RunAsync(["router-config", Write(FreeLoopbackPort()), "--skip-provider-check"], stdin: null);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--skip-provider-check only applies with --probe", run.Stderr);
    }

    private static int FreeLoopbackPort()
    {
        using var s = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        s.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)s.LocalEndPoint!).Port;
    }
}
