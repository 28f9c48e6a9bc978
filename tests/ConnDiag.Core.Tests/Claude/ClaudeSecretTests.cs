using System.Net;
using System.Security.Cryptography;
using ConnDiag.Claude.Profile;
using ConnDiag.Core.Tests.Claude.Support;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Diagnosis;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Claude;

/// <summary>
/// A canary API key and a canary auth token, random per run, reach the fake server (so the test would see a leak)
/// and appear nowhere in what the engine hands back: the report as JSON with every evidence object by its runtime
/// type, stage and finding texts, ToString of the report, options and evidence, and argument errors.
/// </summary>
public sealed class ClaudeSecretTests : IAsyncLifetime
{
    private readonly string _key = "sk-ant-api03-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
    // No secret shape: only the header name and the registered value can protect it.
    private readonly string _token = "tk" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
    private readonly ClaudeCertificates _certs = new();
    private readonly ClaudeHome _home = new();
    private FakeAnthropicServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeAnthropicServer.StartAsync(_certs.Leaf);
        _server.ApiKey = _key;
        _server.BearerToken = _token;
        _home.Environment["NODE_EXTRA_CA_CERTS"] = _certs.RootPemPath;
        _home.Environment["ANTHROPIC_API_KEY"] = _key;
        File.WriteAllText(_home.UserSettings, $"{{\"env\":{{\"ANTHROPIC_AUTH_TOKEN\":\"{_token}\"}}}}");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certs.Dispose();
        _home.Dispose();
    }

    private IEnumerable<string> Secrets() => [_key, _key[..^4], _key["sk-ant-api03-".Length..^4], _token, _token[2..^4]];

    private ClaudeConnectionOptions Options(bool pin) => new()
    {
        Sources = _home.Sources,
        SendMessage = true,
        Diagnosis = EndpointDiagnosisOptions.Default with
        {
            Http = HttpProbeOptions.Default with { WarnMs = 60_000, CriticalMs = 120_000 },
            ConnectTo = pin ? new IPEndPoint(IPAddress.Loopback, _server.Port) : null,
        },
    };

    private void AssertClean(string text, string what)
    {
        foreach (var secret in Secrets())
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{what} contains a canary: {text}");
        }
    }

    private void AssertReportClean(ClaudeConnectionReport r)
    {
        AssertClean(ProbeHelpers.ToJson(r), "the report as JSON");
        AssertClean(r.ToString(), "the report's ToString");
        foreach (var s in r.Stages)
        {
            AssertClean(s.Summary + s, $"stage {s.Stage}");
            if (s.Evidence is { } e) AssertClean(ProbeHelpers.ToJson(e) + e, $"stage {s.Stage} evidence");
        }
        foreach (var f in r.Findings) AssertClean($"{f.Summary} {f.Evidence} {f.Remedy} {f}", $"finding {f.Code}");
        foreach (var v in r.EffectiveConfig.Values) AssertClean(v.ToString(), $"config value {v.Name}");
    }

    [Theory]
    [InlineData(FakeScenario.None)]
    [InlineData(FakeScenario.EchoCredentials)]
    public async Task Canaries_reach_the_server_and_no_output(FakeScenario scenario)
    {
        _server.Kind = FakeKind.BearerGateway;
        _server.Scenario = scenario;
        _home.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pin: false));

        var auth = _server.Received.Single(q => q.Path == "/v1/models?limit=1");
        Assert.Contains(auth.Headers, h => h.Key == "x-api-key" && h.Value == _key);
        Assert.Contains(auth.Headers, h => h.Key == "Authorization" && h.Value == "Bearer " + _token);
        Assert.Contains(FindingCodes.ConfigKeyAndTokenBothSet, r.Findings.Select(f => f.Code));
        if (scenario == FakeScenario.EchoCredentials)
        {
            Assert.Equal("auth", r.FailedStage);
            var evidence = Assert.IsType<AuthEvidence>(r.StageNamed("auth")!.Evidence);
            // The echo was read and kept, masked: a failure to mask would show.
            Assert.Contains("x-api-key was \\u0027sk-ant-", evidence.Models.Result.Final.BodyPreview);
            Assert.Contains(evidence.Models.Result.Final.ResponseHeaders, h => h.Name.Equals("X-Debug-Echo", StringComparison.OrdinalIgnoreCase));
        }
        else
        {
            Assert.True(r.FailedStage is null, string.Join("\n", r.Stages.Select(s => $"{s.Stage}: {s.Summary}")));
            Assert.NotNull(r.StageNamed("message"));
        }
        AssertReportClean(r);
    }

    [Fact]
    public async Task The_anthropic_profile_run_with_both_credentials_leaks_nothing()
    {
        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pin: true));

        Assert.Contains(_server.Received, q => q.Path == "/v1/messages/count_tokens");
        AssertReportClean(r);
    }

    [Fact]
    public async Task Options_tostring_and_argument_errors_do_not_quote_secrets()
    {
        var options = Options(pin: false) with { ApiKey = _key, AuthToken = _token, BaseUrl = $"gw.example/x?api_key={_key}" };

        AssertClean(options.ToString(), "the options' ToString");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => new ClaudeDiagnoser().DiagnoseAsync(options));
        AssertClean(e.ToString(), "the argument error");
        Assert.Contains("not an absolute URL", e.Message);
    }

    [Fact]
    public async Task A_malformed_key_finding_names_the_problem_not_the_key()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = _key + "\n";
        _home.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;

        var r = await new ClaudeDiagnoser().DiagnoseAsync(Options(pin: false) with { Profile = ClaudeProfile.Anthropic });

        Assert.Contains(r.Findings, f => f.Code == FindingCodes.ConfigKeyMalformed && f.Summary.Contains("line break"));
        AssertReportClean(r);
    }
}
