using ConnDiag.Claude.Router;
using ConnDiag.Findings;
using ConnDiag.Model;
using static ConnDiag.Core.Tests.Claude.Router.RouterValidation;

namespace ConnDiag.Core.Tests.Claude.Router;

/// <summary>One config per rule of claude-spec.md §4.2–4.6, each producing its code and nothing else.</summary>
public class RouterRuleTests
{
    [Fact]
    public async Task A_README_shaped_config_is_valid_and_reported_as_the_router_will_use_it()
    {
        using var files = new RouterConfigFiles();
        var report = await new RouterConfigValidator(Options()).ValidateAsync(files.WriteFixture("readme-style.json"));

        Assert.Empty(report.Findings);
        Assert.True(report.IsValid);
        Assert.Equal(RouterGeneration.V2, report.Generation);
        Assert.Equal((3456, "127.0.0.1"), (report.Port, report.Host));
        Assert.Equal(["openrouter", "deepseek", "ollama"], report.Providers.Select(p => p.Name));
        Assert.Equal([RouterKeySource.Environment, RouterKeySource.Environment, RouterKeySource.Empty], report.Providers.Select(p => p.KeySource));
        Assert.Equal(["OPENROUTER_API_KEY", "DEEPSEEK_API_KEY", null], report.Providers.Select(p => p.KeyVariable));
        Assert.Equal("sk-or-…0123", report.Providers[0].MaskedKey);
        Assert.Equal(["default", "background", "think", "longContext", "webSearch"], report.Routes.Select(r => r.Name));
        Assert.All(report.Routes, r => Assert.True(r.Valid));
        Assert.Equal(("openrouter", "google/gemini-2.5-pro-preview"), (report.Routes[3].Provider, report.Routes[3].Model));
    }

    [Fact]
    public async Task A_minimal_config_is_valid()
    {
        using var files = new RouterConfigFiles();
        var report = await new RouterConfigValidator(Options()).ValidateAsync(files.WriteFixture("minimal.json"));

        Assert.Empty(report.Findings);
        Assert.Equal(new RouterRoute("default", "gateway", "claude-sonnet-4-5", true), Assert.Single(report.Routes));
    }

    [Theory]
    [InlineData("{ \"Router\": { \"default\": \"p,m\" } }", "\"Providers\" is missing")]
    [InlineData("{ \"Providers\": [], \"Router\": { \"default\": \"p,m\" } }", "an empty array")]
    [InlineData("{ \"Providers\": {}, \"Router\": { \"default\": \"p,m\" } }", "an object")]
    public async Task No_providers_is_PROVIDERS_MISSING(string text, string expected)
    {
        var report = await RunAsync(text);

        Assert.Contains(expected, Only(report, FindingCodes.RouterProvidersMissing).Summary);
        // The default route then names an unknown provider as well.
        Assert.Equal([FindingCodes.RouterProvidersMissing, FindingCodes.RouterRouteUnknownProvider], report.Findings.Select(f => f.Code));
    }

    [Fact]
    public async Task Lower_case_providers_key_is_pointed_out()
    {
        var f = Only(await RunAsync("{ \"providers\": [" + DefaultProviders + "], \"Router\": { \"default\": \"p,m1\" } }"), FindingCodes.RouterProvidersMissing);

        Assert.Contains("capital P", f.Evidence);
    }

    [Theory]
    [InlineData("""{ "api_base_url": "https://x.example.test/v1", "models": ["m1"] }""", "Providers[0]: \"name\" is missing.")]
    [InlineData("""{ "name": "", "api_base_url": "https://x.example.test/v1", "models": ["m1"] }""", "Providers[0]: \"name\" is empty.")]
    [InlineData("""{ "name": "p", "models": ["m1"] }""", "Providers[0] (\"p\"): \"api_base_url\" is missing.")]
    [InlineData("""{ "name": "p", "api_base_url": "llm.example.test/v1", "models": ["m1"] }""", "is not an absolute URL")]
    [InlineData("""{ "name": "p", "api_base_url": "ftp://llm.example.test/v1", "models": ["m1"] }""", "uses the scheme 'ftp'")]
    [InlineData("""{ "name": "p", "api_base_url": "https://llm.example.test/v1 ", "models": ["m1"] }""", "contains white space")]
    [InlineData("""{ "name": "p", "api_base_url": "https://x.example.test/v1" }""", "\"models\" is missing")]
    [InlineData("""{ "name": "p", "api_base_url": "https://x.example.test/v1", "models": [] }""", "\"models\" is an empty array")]
    [InlineData("""{ "name": "p", "api_base_url": "https://x.example.test/v1", "models": ["m1", 7] }""", "models[1] is a number")]
    [InlineData("\"just a string\"", "Providers[0] is a string, not a provider object.")]
    public async Task Incomplete_provider_is_PROVIDER_INVALID(string provider, string expected)
    {
        var report = await RunAsync(Config(router: "\"default\": \"p,m1\"", providers: provider));

        var f = report.Findings.First(f => f.Code == FindingCodes.RouterProviderInvalid);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains(expected, f.Summary);
        Assert.Contains(report.Providers, p => !p.Valid);
    }

    [Fact]
    public async Task Provider_names_differing_only_in_case_are_PROVIDER_DUPLICATE()
    {
        var second = DefaultProviders.Replace("\"name\": \"p\"", "\"name\": \"P\"", StringComparison.Ordinal);
        var f = Only(await RunAsync(Config(providers: DefaultProviders + "," + second)), FindingCodes.RouterProviderDuplicate);

        Assert.Equal("Provider name \"p\" is used 2 times (Providers[0], Providers[1]).", f.Summary);
    }

    [Fact]
    public async Task Missing_Router_or_default_is_ROUTE_INVALID()
    {
        Assert.Contains("no \"Router\" object", Only(await RunAsync("{ \"Providers\": [" + DefaultProviders + "] }"), FindingCodes.RouterRouteInvalid).Summary);
        Assert.Contains("Router.default is missing", Only(await RunAsync(Config(router: "\"think\": \"p,m1\"")), FindingCodes.RouterRouteInvalid).Summary);
        Assert.Contains("Router.default is missing", Only(await RunAsync(Config(router: "\"default\": \"\"")), FindingCodes.RouterRouteInvalid).Summary);
    }

    [Theory]
    [InlineData("\"default\": \"p\"", "it has no comma")]
    [InlineData("\"default\": \"p/m1\"", "v3's \"provider/model\" form")]
    [InlineData("\"default\": \"p, m1\"", "spaces around the comma")]
    [InlineData("\"default\": \",m1\"", "the provider part is empty")]
    [InlineData("\"default\": \"p,\"", "the model part is empty")]
    [InlineData("\"default\": \"p,m1\", \"think\": 42", "Router.think is a number")]
    public async Task Malformed_route_is_ROUTE_INVALID(string router, string expected)
    {
        var report = await RunAsync(Config(router: router));

        Assert.Contains(expected, Only(report, FindingCodes.RouterRouteInvalid).Summary);
        Assert.Contains(report.Routes, r => !r.Valid);
    }

    [Fact]
    public async Task Route_to_an_undefined_provider_is_ROUTE_UNKNOWN_PROVIDER()
    {
        var report = await RunAsync(Config(router: "\"default\": \"p,m1\", \"background\": \"ollama,qwen\""));

        var f = Only(report, FindingCodes.RouterRouteUnknownProvider);
        Assert.Equal("Router.background routes to provider \"ollama\", which is not in Providers.", f.Summary);
        Assert.Contains("providers: p.", f.Evidence);
        Assert.Equal(new RouterRoute("background", "ollama", "qwen", false), report.Routes[1]);
    }

    [Fact]
    public async Task Route_to_an_unlisted_model_is_ROUTE_UNKNOWN_MODEL_and_provider_names_match_case_insensitively()
    {
        var report = await RunAsync(Config(router: "\"default\": \"P,vendor/m2:free\", \"think\": \"p,M1\""));

        var f = Only(report, FindingCodes.RouterRouteUnknownModel);
        Assert.Equal("Router.think routes to model \"M1\", which provider \"p\" does not list.", f.Summary);
        Assert.Contains("lists: m1, vendor/m2:free", f.Evidence);
        Assert.True(report.Routes[0].Valid);
    }

    [Fact]
    public async Task A_route_splits_on_the_first_comma()
    {
        var providers = """{ "name": "p", "api_base_url": "https://x.example.test/v1", "api_key": "", "models": ["a,b"] }""";

        Assert.Empty((await RunAsync(Config(router: "\"default\": \"p,a,b\"", providers: providers))).Findings);
    }

    [Fact]
    public async Task Unset_and_empty_variables_are_ENV_UNRESOLVED_naming_the_key_path()
    {
        var env = new Dictionary<string, string> { ["EMPTY_ONE"] = "", ["GATEWAY_KEY"] = "gw-0123456789abcdef" };
        var second = """{ "name": "q", "api_base_url": "${Q_BASE}/v1/chat/completions", "api_key": "$MISSING_KEY", "models": ["m"] }""";
        var report = await RunAsync(Config(extra: "\"HOLDER\": \"$EMPTY_ONE\"", providers: DefaultProviders + "," + second), env);

        var unresolved = report.Findings.Where(f => f.Code == FindingCodes.RouterEnvUnresolved).Select(f => f.Summary).ToList();
        Assert.Equal(3, unresolved.Count);
        Assert.Contains("HOLDER refers to $EMPTY_ONE, which is set but empty in the router's environment; the router would use the literal text.", unresolved);
        Assert.Contains(unresolved, s => s.StartsWith("Providers[1].api_base_url refers to $Q_BASE, which is not set", StringComparison.Ordinal));
        Assert.Contains(unresolved, s => s.StartsWith("Providers[1].api_key refers to $MISSING_KEY, which is not set", StringComparison.Ordinal));
        // The unresolved URL is not judged as a URL a second time.
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.RouterProviderInvalid);
        Assert.Equal((RouterKeySource.Unresolved, "MISSING_KEY", null), (report.Providers[1].KeySource, report.Providers[1].KeyVariable, report.Providers[1].MaskedKey));
    }

    [Fact]
    public async Task Lower_case_bare_dollar_words_are_not_references_but_braced_ones_are()
    {
        var env = new Dictionary<string, string> { ["GATEWAY_KEY"] = "gw-0123456789abcdef", ["base_url"] = "https://lower.example.test" };
        var provider = """{ "name": "p", "api_base_url": "${base_url}/v1", "api_key": "$GATEWAY_KEY", "models": ["m1", "$notavar"] }""";
        var report = await RunAsync(Config(providers: provider), env);

        Assert.Empty(report.Findings);
        Assert.Equal("https://lower.example.test/v1", report.Providers[0].BaseUrl);
        Assert.Contains("$notavar", report.Providers[0].Models);
    }

    [Fact]
    public async Task Missing_custom_router_and_transformer_files_are_PATH_MISSING()
    {
        using var files = new RouterConfigFiles();
        File.WriteAllText(Path.Combine(files.Directory, "router.js"), "module.exports = async () => null;");
        var env = new Dictionary<string, string>(StandardEnv) { ["HOME"] = files.Directory };
        var text = Config(extra: """
            "CUSTOM_ROUTER_PATH": "router.js",
            "transformers": [ { "path": "$HOME/router.js" }, { "path": "/nonexistent/conndiag/t.js", "options": {} }, { "path": "~/t.js" }, { "options": {} } ]
            """);
        var report = await new RouterConfigValidator(Options(env)).ValidateAsync(files.Write(text));

        var missing = report.Findings.Where(f => f.Code == FindingCodes.RouterPathMissing).Select(f => f.Summary).ToList();
        Assert.Equal(3, missing.Count);
        Assert.Contains("transformers[1].path /nonexistent/conndiag/t.js does not exist.", missing);
        Assert.Contains(missing, s => s.Contains("transformers[2].path \"~/t.js\" starts with ~", StringComparison.Ordinal));
        Assert.Contains(missing, s => s.StartsWith("transformers[3].path is missing", StringComparison.Ordinal));
        Assert.Equal(3, report.Findings.Count);
    }

    [Fact]
    public async Task A_relative_custom_router_path_is_resolved_against_the_config_directory()
    {
        using var files = new RouterConfigFiles();
        var report = await new RouterConfigValidator(Options()).ValidateAsync(files.Write(Config(extra: "\"CUSTOM_ROUTER_PATH\": \"scripts/route.js\"")));

        var f = Only(report, FindingCodes.RouterPathMissing);
        Assert.Equal($"CUSTOM_ROUTER_PATH {Path.Combine(files.Directory, "scripts", "route.js")} does not exist.", f.Summary);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("34.5")]
    [InlineData("\"http\"")]
    [InlineData("true")]
    public async Task PORT_outside_1_to_65535_is_PORT_INVALID(string port)
    {
        var report = await RunAsync(Config(extra: $"\"PORT\": {port}"));

        Assert.Equal(Severity.Error, Only(report, FindingCodes.RouterPortInvalid).Severity);
        Assert.Null(report.Port);
    }

    [Fact]
    public async Task PORT_as_a_numeric_string_is_accepted()
    {
        var report = await RunAsync(Config(extra: "\"PORT\": \"8080\""));

        Assert.Empty(report.Findings);
        Assert.Equal(8080, report.Port);
    }

    [Theory]
    [InlineData("\"HOST\": \"0.0.0.0\"")]
    [InlineData("\"HOST\": \"0.0.0.0\", \"APIKEY\": \"\"")]
    [InlineData("\"HOST\": \"192.0.2.7\", \"APIKEY\": \"$UNSET_CLIENT_KEY\"")]
    public async Task Non_loopback_HOST_without_APIKEY_is_HOST_FORCED_LOOPBACK(string extra)
    {
        var report = await RunAsync(Config(extra: extra));

        var f = report.Findings.Single(f => f.Code == FindingCodes.RouterHostForcedLoopback);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("127.0.0.1", report.Host);
    }

    [Theory]
    [InlineData("\"HOST\": \"0.0.0.0\", \"APIKEY\": \"$CCR_CLIENT_KEY\"", "0.0.0.0")]
    [InlineData("\"HOST\": \"localhost\"", "localhost")]
    [InlineData("\"HOST\": \"::1\"", "::1")]
    public async Task Loopback_HOST_or_one_with_APIKEY_is_kept(string extra, string host)
    {
        var report = await RunAsync(Config(extra: extra));

        Assert.Empty(report.Findings);
        Assert.Equal(host, report.Host);
    }

    [Theory]
    [InlineData("\"PROXY_URL\": \"http://127.0.0.1:3456\"")]
    [InlineData("\"PROXY_URL\": \"http://localhost:3456/\"")]
    [InlineData("\"PORT\": 4000, \"PROXY_URL\": \"http://[::1]:4000\"")]
    [InlineData("\"HOST\": \"0.0.0.0\", \"APIKEY\": \"$CCR_CLIENT_KEY\", \"PROXY_URL\": \"http://0.0.0.0:3456\"")]
    public async Task PROXY_URL_at_the_routers_own_port_is_PROXY_SELF(string extra)
    {
        Assert.Equal(Severity.Error, Only(await RunAsync(Config(extra: extra)), FindingCodes.RouterProxySelf).Severity);
    }

    [Theory]
    [InlineData("\"PROXY_URL\": \"http://127.0.0.1:3128\"")]
    [InlineData("\"PROXY_URL\": \"http://proxy.corp.example.test:3456\"")]
    public async Task A_real_upstream_proxy_is_fine(string extra)
    {
        Assert.Empty((await RunAsync(Config(extra: extra))).Findings);
    }

    [Fact]
    public async Task A_socks_PROXY_URL_is_PROXY_URL_INVALID()
    {
        Assert.Contains("PROXY_URL is not an http", Only(await RunAsync(Config(extra: "\"PROXY_URL\": \"socks5://127.0.0.1:1080\"")), FindingCodes.ProxyUrlInvalid).Summary);
    }

    [Theory]
    [InlineData("6000", "API_TIMEOUT_MS is 6000 ms (6 s)")]
    [InlineData("\"3000\"", "API_TIMEOUT_MS is 3000 ms (3 s)")]
    [InlineData("\"ten minutes\"", "a string that is not a number")]
    [InlineData("{}", "an object that is not a number")]
    public async Task Tiny_or_non_numeric_API_TIMEOUT_MS_is_TIMEOUT_TOO_LOW(string value, string expected)
    {
        var f = Only(await RunAsync(Config(extra: $"\"API_TIMEOUT_MS\": {value}")), FindingCodes.RouterTimeoutTooLow);

        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains(expected, f.Summary);
    }

    [Theory]
    [InlineData("600000")]
    [InlineData("\"600000\"")]
    [InlineData("60000")]
    public async Task Usual_timeouts_pass(string value)
    {
        Assert.Empty((await RunAsync(Config(extra: $"\"API_TIMEOUT_MS\": {value}"))).Findings);
    }

    [Fact]
    public async Task Keys_written_into_the_file_are_INLINE_SECRET_masked()
    {
        const string key = "sk-inline-0123456789abcdefWXYZ";
        var providers = $$"""{ "name": "p", "api_base_url": "https://x.example.test/v1", "api_key": "{{key}}", "models": ["m1"] }""";
        var report = await RunAsync(Config(extra: "\"OPENAI_API_KEY\": \"ghp_0123456789abcdefghij\"", providers: providers));

        var inline = report.Findings.Where(f => f.Code == FindingCodes.RouterInlineSecret).ToList();
        Assert.Equal(2, inline.Count);
        Assert.Equal("Providers[0].api_key holds a literal secret (sk-inline-…WXYZ, 30 characters) in the config file.", inline[0].Summary);
        Assert.StartsWith("OPENAI_API_KEY holds a literal secret (ghp_…", inline[1].Summary, StringComparison.Ordinal);
        Assert.Equal((RouterKeySource.Inline, "sk-inline-…WXYZ"), (report.Providers[0].KeySource, report.Providers[0].MaskedKey));
        Assert.All(report.Findings, f => Assert.DoesNotContain(key, f.ToString() + f.Evidence + f.Remedy));
    }

    [Theory]
    [InlineData("sk-xxx")]
    [InlineData("sk-xxxxxxxxxxxxxxxxxxxx")]
    [InlineData("your-api-key-here")]
    [InlineData("<OPENAI_KEY>")]
    [InlineData("")]
    public async Task Placeholders_and_empty_keys_are_not_inline_secrets(string key)
    {
        var providers = $$"""{ "name": "p", "api_base_url": "https://x.example.test/v1", "api_key": "{{key}}", "models": ["m1"] }""";

        Assert.Empty((await RunAsync(Config(providers: providers))).Findings);
    }
}
