using System.Net;
using ConnDiag.Claude.Config;
using ConnDiag.Claude.Profile;
using ConnDiag.Core.Tests.Claude.Support;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Claude;

/// <summary>
/// Test-ClaudeConnection's engine end to end against the loopback fake API over TLS, with Claude Code's
/// configuration from an injected environment and temp settings files. The fake's root is trusted only through
/// NODE_EXTRA_CA_CERTS, as Claude Code would trust it. The default base URL is pinned to loopback, never resolved.
/// </summary>
public sealed class ClaudeDiagnoserTests : IAsyncLifetime
{
    private const string Key = "sk-ant-api03-pipeline0123456789abcdef0123456789Zz99";
    private readonly ClaudeCertificates _certs = new();
    private readonly ClaudeHome _home = new();
    private FakeAnthropicServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeAnthropicServer.StartAsync(_certs.Leaf);
        _server.ApiKey = Key;
        _server.BearerToken = "router-token-0123456789";
        _home.Environment["NODE_EXTRA_CA_CERTS"] = _certs.RootPemPath;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certs.Dispose();
        _home.Dispose();
    }

    private ClaudeConnectionOptions Options(bool pinDefault = false) => new()
    {
        Sources = _home.Sources,
        Diagnosis = EndpointDiagnosisOptions.Default with
        {
            Timeout = TimeSpan.FromSeconds(5),
            // A cold Kestrel may be slow to answer; verdicts here must not depend on timing.
            Http = HttpProbeOptions.Default with { WarnMs = 60_000, CriticalMs = 120_000 },
            ConnectTo = pinDefault ? new IPEndPoint(IPAddress.Loopback, _server.Port) : null,
        },
    };

    private static IReadOnlyList<(string, Outcome)> Shape(DiagnosticReport r) => r.Stages.Select(s => (s.Stage, s.Outcome)).ToList();

    private static string Describe(DiagnosticReport r) => string.Join("\n", r.Stages.Select(s => $"{s.Stage} {s.Outcome}: {s.Summary}"));

    [Fact]
    public async Task The_default_base_url_pinned_to_the_fake_passes_every_stage_with_the_anthropic_profile()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true));

        // A private root for the public name is what a TLS-inspecting proxy looks like: named, and trusted through
        // NODE_EXTRA_CA_CERTS as Claude Code would trust it, so the run goes on.
        Assert.True(r.Outcome == Outcome.Warn, Describe(r));
        Assert.Equal(FindingCodes.TlsIntercepted, Assert.Single(r.Findings).Code);
        Assert.Equal(
            [("config", Outcome.Pass), ("claude-config", Outcome.Pass), ("dns", Outcome.Skipped), ("tcp", Outcome.Pass), ("proxy", Outcome.Skipped),
             ("tls", Outcome.Warn), ("http", Outcome.Pass), ("api-shape", Outcome.Pass), ("auth", Outcome.Pass), ("tokens", Outcome.Pass),
             ("status-page", Outcome.Skipped)],
            Shape(r));
        Assert.Equal(ClaudeProfile.Anthropic, r.Profile);
        Assert.Equal("https://api.anthropic.com/", r.BaseUrl);
        Assert.StartsWith("default", r.BaseUrlSource);
        Assert.Equal(new Target("api.anthropic.com", 443), r.Target);
        // The real API answers GET / with 404: in this profile that is HTTP working, not a failure.
        Assert.Equal(404, Assert.IsType<HttpProbeResult>(r.StageNamed("http")!.Evidence).StatusCode);
        Assert.Contains("answers like the Anthropic API", r.StageNamed("api-shape")!.Summary);
        Assert.Equal([FakeAnthropicServer.KnownModel], r.Models);
        Assert.Contains("8 input tokens for claude-test-1", r.StageNamed("tokens")!.Summary);
        Assert.True(r.RequestIds.Count >= 4, string.Join(", ", r.RequestIds));
        Assert.All(r.RequestIds, id => Assert.StartsWith("req_fake", id));
        Assert.Equal(50, r.RateLimits!.Windows.Single(w => w.Kind == "requests").Limit);
        Assert.Equal("sk-ant-…Zz99", r.EffectiveConfig["ANTHROPIC_API_KEY"]!.Value);

        var received = _server.Received;
        Assert.Equal(["GET /", "GET /v1/messages", "GET /v1/models?limit=1", "POST /v1/messages/count_tokens"],
            received.Where(q => q.Path != "/" || q.Method == "GET").Select(q => $"{q.Method} {q.Path}").Distinct());
        var auth = received.Single(q => q.Path == "/v1/models?limit=1");
        Assert.Contains(auth.Headers, h => h.Key == "x-api-key" && h.Value == Key);
        Assert.Contains(auth.Headers, h => h.Key == "anthropic-version" && h.Value == "2023-06-01");
        Assert.False(received.Single(q => q.Path == "/v1/messages").Has("x-api-key"), "the api-shape requests carry no credential");
    }

    [Fact]
    public async Task A_wrong_key_fails_at_auth_and_skips_tokens()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = "sk-ant-api03-wrongwrongwrong0123456789";

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true));

        Assert.Equal("auth", r.FailedStage);
        Assert.Equal(FindingCodes.AuthInvalidKey, Assert.Single(r.StageNamed("auth")!.Findings).Code);
        Assert.Equal(Outcome.Skipped, r.StageNamed("tokens")!.Outcome);
        Assert.NotEmpty(r.RequestIds);
    }

    [Fact]
    public async Task A_proxy_page_in_front_of_everything_fails_at_api_shape_not_at_http()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
        _server.Scenario = FakeScenario.ProxyHtml403;
        _server.ScenarioEverywhere = true;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true));

        Assert.Equal(Outcome.Pass, r.StageNamed("http")!.Outcome);
        Assert.Equal("api-shape", r.FailedStage);
        var f = r.StageNamed("api-shape")!.Findings.First();
        Assert.Equal(FindingCodes.ApiUnexpectedResponse, f.Code);
        Assert.Contains("Access Denied by Corporate Policy", f.Summary);
        Assert.Contains("corp-proxy", f.Summary);
    }

    [Fact]
    public async Task The_region_block_is_named_at_api_shape()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
        _server.Scenario = FakeScenario.RegionForbidden;
        _server.ScenarioEverywhere = true;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true));

        Assert.Equal("api-shape", r.FailedStage);
        Assert.Contains(FindingCodes.ApiRegionBlocked, r.Findings.Select(f => f.Code));
    }

    [Fact]
    public async Task Rate_limits_warn_with_reset_times_and_the_run_goes_on()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
        _server.Scenario = FakeScenario.RateLimited;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true));

        Assert.Null(r.FailedStage);
        Assert.Equal(Outcome.Warn, r.StageNamed("auth")!.Outcome);
        Assert.Equal(Outcome.Warn, r.StageNamed("tokens")!.Outcome);
        var f = r.StageNamed("auth")!.Findings.Single();
        Assert.Equal(FindingCodes.ApiRateLimited, f.Code);
        Assert.Contains("requests 0/50 left, resets", f.Summary);
        Assert.Equal(17, r.RateLimits!.RetryAfterSeconds);
        Assert.True(r.RateLimits.ShouldRetry);
    }

    [Fact]
    public async Task A_configured_model_that_does_not_exist_is_model_not_found_with_its_source()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
        File.WriteAllText(_home.UserSettings, "{\"env\":{\"ANTHROPIC_MODEL\":\"claude-nope-9\"}}");

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true));

        Assert.Equal("auth", r.FailedStage);
        var f = Assert.Single(r.StageNamed("auth")!.Findings);
        Assert.Equal(FindingCodes.ApiModelNotFound, f.Code);
        Assert.Contains("claude-nope-9", f.Summary);
        Assert.Contains(_home.UserSettings, f.Summary);
        Assert.Equal([FakeAnthropicServer.KnownModel], r.Models);
    }

    [Fact]
    public async Task A_configured_model_beyond_the_first_page_is_looked_up_and_used_for_count_tokens()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
        _home.Environment["ANTHROPIC_MODEL"] = FakeAnthropicServer.OtherModel;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true));

        Assert.True(r.FailedStage is null && r.StageNamed("auth")!.Outcome == Outcome.Pass, Describe(r));
        Assert.Contains(_server.Received, q => q.Path == "/v1/models/" + FakeAnthropicServer.OtherModel);
        var tokens = Assert.IsType<TokensEvidence>(r.StageNamed("tokens")!.Evidence);
        Assert.Equal(FakeAnthropicServer.OtherModel, tokens.Model);
        Assert.Equal("ANTHROPIC_MODEL (environment)", tokens.ModelSource);
    }

    [Fact]
    public async Task Send_message_adds_the_message_stage_with_usage()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true) with { SendMessage = true });

        var message = r.StageNamed("message")!;
        Assert.True(message.Outcome == Outcome.Pass, message.Summary);
        var e = Assert.IsType<MessageEvidence>(message.Evidence);
        Assert.Equal(1, e.OutputTokens);
        Assert.Equal("max_tokens", e.StopReason);
        Assert.Contains(_server.Received, q => q.Method == "POST" && q.Path == "/v1/messages");
    }

    [Fact]
    public async Task Without_send_message_nothing_that_costs_tokens_is_sent()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true));

        Assert.Null(r.StageNamed("message"));
        Assert.DoesNotContain(_server.Received, q => q.Method == "POST" && q.Path == "/v1/messages");
    }

    [Fact]
    public async Task Claude_code_router_is_recognised_by_its_fingerprint_and_takes_the_bearer_token()
    {
        _server.Kind = FakeKind.RouterV2;
        _home.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;
        File.WriteAllText(_home.LocalSettings, "{\"env\":{\"ANTHROPIC_AUTH_TOKEN\":\"router-token-0123456789\"}}");

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        Assert.True(r.Outcome == Outcome.Pass, Describe(r));
        Assert.Equal(ClaudeProfile.ClaudeCodeRouter, r.Profile);
        Assert.Equal("v2", r.RouterFingerprint);
        Assert.Contains("fingerprint", r.ProfileReason);
        var auth = _server.Received.Single(q => q.Path == "/v1/models?limit=1");
        Assert.Contains(auth.Headers, h => h.Key == "Authorization" && h.Value == "Bearer router-token-0123456789");
    }

    [Fact]
    public async Task The_routers_plain_text_401_fails_auth_with_the_router_code()
    {
        _server.Kind = FakeKind.RouterV2;
        _home.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;
        _home.Environment["ANTHROPIC_AUTH_TOKEN"] = "not-the-router-key-000";

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        Assert.Equal("auth", r.FailedStage);
        Assert.Equal(FindingCodes.AuthRouterKeyRejected, r.StageNamed("auth")!.Findings.Single().Code);
    }

    [Fact]
    public async Task Stopping_after_http_sends_no_credential_and_reports_the_later_stages_as_not_asked_for()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true) with { LastStage = "HTTP" });

        Assert.Equal(Outcome.Pass, r.StageNamed("http")!.Outcome);
        foreach (var later in new[] { "api-shape", "auth", "tokens", "status-page" })
        {
            var stage = r.StageNamed(later)!;
            Assert.Equal(Outcome.Skipped, stage.Outcome);
            Assert.Contains("not asked for (the run stops after the http stage)", stage.Summary, StringComparison.Ordinal);
        }
        Assert.Null(r.FailedStage);
        Assert.NotEmpty(_server.Received);
        Assert.DoesNotContain(_server.Received, q => q.Headers.Any(h => h.Key.Equals("x-api-key", StringComparison.OrdinalIgnoreCase)));
        Assert.Null(r.Models);
    }

    [Theory]
    [InlineData("message", "SendMessage")]
    [InlineData("stream", "Stream")]
    [InlineData("nope", "stages: config, claude-config, dns")]
    public async Task A_stage_that_is_not_in_the_run_is_refused_before_anything_is_contacted(string stage, string expected)
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;

        var e = await Assert.ThrowsAsync<ArgumentException>(() => new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true) with { LastStage = stage }));

        Assert.Contains($"Stage '{stage}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task The_stage_names_offered_are_the_stages_of_a_full_run_in_order()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true) with { SendMessage = true, Stream = true, LastStage = "message" });

        Assert.Equal(ClaudeDiagnoser.StageNames, r.Stages.Select(s => s.Stage));
        Assert.Equal(Outcome.Skipped, r.StageNamed("stream")!.Outcome);
        Assert.DoesNotContain(_server.Received, q => q.Path == "/v1/messages" && q.Method == "POST" && q.Headers.Any(h => h.Key == "Accept" && h.Value.Contains("event-stream")));
    }

    [Fact]
    public async Task A_gateway_without_HEAD_api_hello_gets_an_Info_finding_only_and_one_that_serves_it_none()
    {
        _server.Kind = FakeKind.BearerGateway;
        _home.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;
        _home.Environment["ANTHROPIC_AUTH_TOKEN"] = _server.BearerToken!;

        var without = await new ClaudeDiagnoser().DiagnoseAsync(Options());
        _server.ServesHello = true;
        var with = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        var shape = without.StageNamed("api-shape")!;
        Assert.Equal(Outcome.Pass, shape.Outcome);
        var f = Assert.Single(shape.Findings);
        Assert.Equal(FindingCodes.ApiHelloMissing, f.Code);
        Assert.Equal(Severity.Info, f.Severity);
        Assert.Contains("answered 404", f.Summary, StringComparison.Ordinal);
        Assert.Equal(404, Assert.IsType<ApiShapeEvidence>(shape.Evidence).Hello!.StatusCode);
        Assert.Null(without.FailedStage);
        Assert.Empty(with.StageNamed("api-shape")!.Findings);
        Assert.Equal(200, Assert.IsType<ApiShapeEvidence>(with.StageNamed("api-shape")!.Evidence).Hello!.StatusCode);
        Assert.Equal(2, _server.Received.Count(q => q.Method == "HEAD" && q.Path == "/api/hello"));
    }

    [Fact]
    public async Task Anthropics_own_API_is_not_sent_HEAD_api_hello()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true));

        Assert.Equal(ClaudeProfile.Anthropic, r.Profile);
        Assert.Null(Assert.IsType<ApiShapeEvidence>(r.StageNamed("api-shape")!.Evidence).Hello);
        Assert.DoesNotContain(_server.Received, q => q.Path == "/api/hello");
    }

    [Fact]
    public async Task A_gateway_that_wants_bearer_is_named_when_the_token_is_in_the_api_key()
    {
        _server.Kind = FakeKind.BearerGateway;
        _home.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;
        _home.Environment["ANTHROPIC_API_KEY"] = _server.BearerToken!;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        Assert.Equal(ClaudeProfile.Gateway, r.Profile);
        Assert.Equal("auth", r.FailedStage);
        Assert.Equal(FindingCodes.AuthGatewayExpectsBearer, r.StageNamed("auth")!.Findings.Single().Code);
    }

    [Fact]
    public async Task The_router_reports_its_provider_failure_with_the_upstream_error()
    {
        _server.Kind = FakeKind.RouterV2;
        _server.Scenario = FakeScenario.RouterUpstreamError;
        _server.BearerToken = null;
        _home.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        Assert.Equal("auth", r.FailedStage);
        var f = r.StageNamed("auth")!.Findings.Single();
        Assert.Equal(FindingCodes.ApiRouterUpstreamError, f.Code);
        Assert.Contains("anthropic,claude-test-1", f.Summary);
        Assert.Contains("authentication_error", f.Summary);
        Assert.Contains(FindingCodes.ConfigKeyMissing, r.StageNamed("claude-config")!.Findings.Select(x => x.Code));
    }

    [Fact]
    public async Task A_provider_switch_skips_the_api_checks_with_the_reason()
    {
        _home.Environment["CLAUDE_CODE_USE_BEDROCK"] = "1";
        _home.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        Assert.Equal(ClaudeProfile.Bedrock, r.Profile);
        Assert.Equal(FindingCodes.ConfigProviderSwitch, r.StageNamed("claude-config")!.Findings.Single().Code);
        Assert.Equal(Outcome.Skipped, r.StageNamed("auth")!.Outcome);
        Assert.Contains("Bedrock", r.StageNamed("auth")!.Summary);
        Assert.DoesNotContain(_server.Received, q => q.Path.StartsWith("/v1/models", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_base_url_from_the_environment_is_a_failed_config_stage_and_nothing_is_sent()
    {
        _home.Environment["ANTHROPIC_BASE_URL"] = "127.0.0.1:3456";

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        Assert.Equal("claude-config", r.FailedStage);
        Assert.Contains(FindingCodes.ConfigBaseUrlInvalid, r.Findings.Select(f => f.Code));
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task An_invalid_base_url_option_is_a_clear_argument_error()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => new ClaudeDiagnoser().DiagnoseAsync(Options() with { BaseUrl = "ftp://gw.example/" }));

        Assert.Contains("scheme 'ftp'", e.Message);
    }

    [Fact]
    public async Task Without_node_extra_ca_certs_the_fakes_root_is_not_trusted_and_tls_fails()
    {
        _home.Environment.Remove("NODE_EXTRA_CA_CERTS");
        _home.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        Assert.Equal("tls", r.FailedStage);
        Assert.DoesNotContain(_server.Received, q => q.Path.StartsWith("/v1/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_proxy_set_in_a_settings_file_carries_the_requests()
    {
        using var proxy = RawTcpServer.ConnectProxy();
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
        _home.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;
        File.WriteAllText(_home.ProjectSettings, $"{{\"env\":{{\"HTTPS_PROXY\":\"http://127.0.0.1:{proxy.Port}\",\"NO_PROXY\":\"\"}}}}");

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        Assert.True(r.Outcome is Outcome.Pass or Outcome.Warn, Describe(r));
        Assert.Null(r.FailedStage);
        Assert.Equal(Outcome.Pass, r.StageNamed("proxy")!.Outcome);
        Assert.Contains("HTTPS_PROXY", r.StageNamed("config")!.Summary + ((ConnDiag.Diagnosis.ConfigEvidence)r.StageNamed("config")!.Evidence!).RouteReason);
        Assert.True(proxy.Connections >= 4, $"{proxy.Connections} connections through the proxy");
        Assert.Equal(ConfigSourceKind.ProjectSettings, r.EffectiveConfig["HTTPS_PROXY"]!.Source.Kind);
    }

    [Fact]
    public async Task A_gateway_without_count_tokens_warns_and_does_not_fail()
    {
        _server.Kind = FakeKind.BearerGateway;
        _server.WithoutCountTokens = true;
        _home.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;
        _home.Environment["ANTHROPIC_AUTH_TOKEN"] = _server.BearerToken!;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        Assert.Null(r.FailedStage);
        var tokens = r.StageNamed("tokens")!;
        Assert.Equal(Outcome.Warn, tokens.Outcome);
        Assert.Equal(FindingCodes.ApiEndpointMissing, tokens.Findings.Single().Code);
    }

    [Fact]
    public async Task A_proxy_from_claude_codes_environment_that_would_take_the_local_router_is_flagged()
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        _home.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;
        _home.Environment["ANTHROPIC_AUTH_TOKEN"] = "router-token-0123456789";
        File.WriteAllText(_home.UserSettings, $"{{\"env\":{{\"HTTPS_PROXY\":\"http://127.0.0.1:{port}\"}}}}");

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options());

        var f = Assert.Single(r.StageNamed("config")!.Findings);
        Assert.Equal(FindingCodes.ConfigNoProxyMissingLoopback, f.Code);
        Assert.Contains("HTTPS_PROXY", f.Evidence);
        Assert.Equal("proxy", r.FailedStage);
        Assert.DoesNotContain(_server.Received, q => q.Path.StartsWith("/v1/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_captive_portal_answering_200_with_a_page_is_not_the_api()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
        _server.Scenario = FakeScenario.CaptivePortal200;
        _server.ScenarioEverywhere = true;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pinDefault: true));

        Assert.Equal(Outcome.Pass, r.StageNamed("http")!.Outcome);
        Assert.Equal("api-shape", r.FailedStage);
        var f = r.StageNamed("api-shape")!.Findings.First();
        Assert.Equal(FindingCodes.ApiUnexpectedResponse, f.Code);
        Assert.Contains("Hotel WiFi Login", f.Summary);
    }
}
