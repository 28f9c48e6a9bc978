using System.Text.Json;
using ConnDiag.Claude.Router;
using ConnDiag.Core.Tests.Claude.Router.Support;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Findings;
using ConnDiag.Model;
using static ConnDiag.Core.Tests.Claude.Router.RouterValidation;

namespace ConnDiag.Core.Tests.Claude.Router;

/// <summary>The -Probe step against real loopback routers: fakes of v2 and v3, a closed port, another web server.</summary>
public sealed class RouterProbeTests
{
    private const string Key = "ccr-client-key-CANARY-5b7d91";

    private static RouterConfigOptions ProbeOptions(string apiKey = Key) => Options(new Dictionary<string, string> { ["CCR_CLIENT_KEY"] = apiKey, ["GATEWAY_KEY"] = "gw-0123456789abcdef" }) with
    {
        Probe = true,
        // The config's provider is llm.example.test: these tests are about the router, and nothing may look that name up.
        ProbeProviders = false,
        ProbeTimeout = TimeSpan.FromSeconds(5),
    };

    private static async Task<RouterConfigReport> ValidateAsync(int port, string apiKeyInEnv = Key)
    {
        using var files = new RouterConfigFiles();
        var text = Config(extra: $"\"PORT\": {port}, \"HOST\": \"127.0.0.1\", \"APIKEY\": \"$CCR_CLIENT_KEY\"");
        return await new RouterConfigValidator(ProbeOptions(apiKeyInEnv)).ValidateAsync(files.Write(text));
    }

    [Fact]
    public async Task A_v2_router_with_the_right_key_is_recognised_and_lets_the_key_through()
    {
        await using var router = await FakeRouters.StartV2Async(Key);

        var report = await ValidateAsync(router.Port);

        var probe = Assert.IsType<RouterProbeResult>(report.Probe);
        Assert.True(probe.Listening);
        Assert.Equal(RouterGeneration.V2, probe.Generation);
        Assert.Equal(200, probe.HealthStatusCode);
        Assert.Equal("ok", probe.HealthStatus);
        Assert.Equal("POST /v1/messages/count_tokens", probe.AuthChecked);
        Assert.True(probe.KeyAccepted);
        Assert.Empty(probe.Findings);
        Assert.True(report.IsValid);
        var sent = Assert.Single(router.Received, r => r.Path == "/v1/messages/count_tokens");
        Assert.Contains(sent.Headers, h => h.Key.Equals("x-api-key", StringComparison.OrdinalIgnoreCase) && h.Value == Key);
    }

    [Fact]
    public async Task A_v3_router_is_recognised_by_its_root_and_checked_with_Bearer_on_models()
    {
        await using var router = await FakeRouters.StartV3Async(Key);

        var report = await ValidateAsync(router.Port);

        var probe = report.Probe!;
        Assert.Equal(RouterGeneration.V3, probe.Generation);
        Assert.Equal("running", probe.HealthStatus);
        Assert.Equal("GET /v1/models", probe.AuthChecked);
        Assert.Equal(200, probe.AuthStatusCode);
        Assert.True(probe.KeyAccepted);
        var sent = Assert.Single(router.Received, r => r.Path == "/v1/models");
        Assert.Contains(sent.Headers, h => h.Key == "Authorization" && h.Value == "Bearer " + Key);
    }

    [Fact]
    public async Task A_v2_router_that_answers_Invalid_API_key_rejects_the_configured_APIKEY()
    {
        await using var router = await FakeRouters.StartV2Async("the-key-the-router-really-has");

        var report = await ValidateAsync(router.Port);

        var probe = report.Probe!;
        Assert.False(probe.KeyAccepted);
        Assert.Equal(401, probe.AuthStatusCode);
        var finding = Assert.Single(probe.Findings);
        Assert.Equal(FindingCodes.AuthRouterKeyRejected, finding.Code);
        Assert.Contains("Invalid API key", finding.Summary + finding.Evidence, StringComparison.Ordinal);
        Assert.False(report.IsValid);
    }

    [Fact]
    public async Task A_v3_router_that_refuses_the_Bearer_key_rejects_the_configured_APIKEY()
    {
        await using var router = await FakeRouters.StartV3Async("the-key-the-router-really-has");

        var probe = await new RouterProbe(timeout: TimeSpan.FromSeconds(5)).ProbeAsync("127.0.0.1", router.Port, Key);

        Assert.Equal(RouterGeneration.V3, probe.Generation);
        Assert.Equal(FindingCodes.AuthRouterKeyRejected, Assert.Single(probe.Findings).Code);
        Assert.False(probe.KeyAccepted);
    }

    [LinuxFact]
    public async Task A_closed_port_means_the_router_is_not_running_and_says_ccr_start()
    {
        var port = TestSockets.FreePort();

        var report = await ValidateAsync(port);

        var probe = report.Probe!;
        Assert.False(probe.Listening);
        Assert.Null(probe.Generation);
        var finding = Assert.Single(probe.Findings, f => f.Code == FindingCodes.RouterNotRunning);
        Assert.Contains("ccr start", finding.Remedy, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", finding.Summary, StringComparison.Ordinal);
        Assert.False(report.IsValid);
    }

    [Fact]
    public async Task Another_web_server_on_the_port_is_not_a_router_and_gets_no_key()
    {
        await using var other = await FakeRouters.StartOtherAsync();

        var report = await ValidateAsync(other.Port);

        var probe = report.Probe!;
        Assert.True(probe.Listening);
        Assert.Null(probe.Generation);
        var finding = Assert.Single(probe.Findings);
        Assert.Equal(FindingCodes.RouterNotARouter, finding.Code);
        Assert.Contains("Jupyter", finding.Evidence, StringComparison.Ordinal);
        Assert.Null(probe.KeyAccepted);
        Assert.DoesNotContain(other.Received, r => r.Has("Authorization") || r.Has("x-api-key"));
    }

    [Fact]
    public async Task The_APIKEY_never_appears_in_the_report_its_json_text_or_findings()
    {
        await using var good = await FakeRouters.StartV2Async(Key);
        await using var bad = await FakeRouters.StartV2Async("another-key");
        await using var v3 = await FakeRouters.StartV3Async("another-key");

        foreach (var port in new[] { good.Port, bad.Port, v3.Port })
        {
            var report = await ValidateAsync(port);
            Assert.NotNull(report.Probe);
            Assert.DoesNotContain("CANARY", JsonSerializer.Serialize(report), StringComparison.Ordinal);
            Assert.DoesNotContain("CANARY", report.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("CANARY", report.Probe!.ToString(), StringComparison.Ordinal);
            foreach (var f in report.Findings.Concat(report.Probe.Findings))
            {
                Assert.DoesNotContain("CANARY", f.Summary + f.Evidence + f.Remedy, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Without_the_probe_option_nothing_is_contacted()
    {
        await using var router = await FakeRouters.StartV2Async(Key);
        using var files = new RouterConfigFiles();

        var report = await new RouterConfigValidator(Options()).ValidateAsync(files.Write(Config(extra: $"\"PORT\": {router.Port}")));

        Assert.Null(report.Probe);
        Assert.Empty(router.Received);
    }
}
