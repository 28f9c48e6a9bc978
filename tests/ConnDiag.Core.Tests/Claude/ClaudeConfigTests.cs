using System.Text.Json;
using ConnDiag.Claude.Config;
using ConnDiag.Claude.Profile;
using ConnDiag.Core.Tests.Claude.Support;
using ConnDiag.Core.Tests.Http.Support;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Claude;

/// <summary>Config discovery with provenance from temp settings files and an injected environment, and the config checks.</summary>
public sealed class ClaudeConfigTests : IDisposable
{
    private const string Key = "sk-ant-api03-CANARYcanary0123456789abcdefAb12";
    private readonly ClaudeHome _home = new();

    public void Dispose() => _home.Dispose();

    private static IReadOnlyList<string> Codes(ClaudeConfigCheckResult r) => r.Findings.Select(f => f.Code).ToList();

    private ClaudeConfigCheckResult Check(ClaudeProfile profile = ClaudeProfile.Anthropic)
    {
        var config = _home.Read();
        var (text, _) = ClaudeBaseUrl.Of(config);
        ClaudeBaseUrl.TryParse(text, out var uri, out _);
        return ClaudeConfigCheck.Run(config, uri, profile);
    }

    [Fact]
    public void Settings_files_override_the_shell_in_precedence_order_and_keep_the_shadowed_values()
    {
        _home.Environment["ANTHROPIC_BASE_URL"] = "https://shell.example";
        _home.Environment["ANTHROPIC_MODEL"] = "shell-model";
        _home.Environment["API_TIMEOUT_MS"] = "1000";
        System.IO.File.WriteAllText(_home.UserSettings, "{\"env\":{\"ANTHROPIC_BASE_URL\":\"https://user.example\",\"ANTHROPIC_MODEL\":\"user-model\"}}");
        System.IO.File.WriteAllText(_home.ProjectSettings, "{\"env\":{\"ANTHROPIC_BASE_URL\":\"https://project.example\",\"API_TIMEOUT_MS\":600000}}");
        System.IO.File.WriteAllText(_home.LocalSettings, "{\"env\":{\"ANTHROPIC_BASE_URL\":\"https://local.example\"}}");

        var config = _home.Read();

        var baseUrl = config.Effective["ANTHROPIC_BASE_URL"]!;
        Assert.Equal("https://local.example/", baseUrl.Value);
        Assert.Equal(new ConfigSource(ConfigSourceKind.LocalSettings, _home.LocalSettings), baseUrl.Source);
        Assert.Equal(
            [ConfigSourceKind.ProjectSettings, ConfigSourceKind.UserSettings, ConfigSourceKind.Environment],
            baseUrl.Shadowed.Select(s => s.Source.Kind));
        Assert.True(baseUrl.Disagrees);
        Assert.Equal("user-model", config.Effective["ANTHROPIC_MODEL"]!.Value);
        // A number in the env block is its text, as Claude Code puts it into the environment.
        Assert.Equal("600000", config.Effective["API_TIMEOUT_MS"]!.Value);
        Assert.Equal(ConfigSourceKind.ProjectSettings, config.Effective["API_TIMEOUT_MS"]!.Source.Kind);
        Assert.Null(config.Effective["ANTHROPIC_AUTH_TOKEN"]);
        Assert.Equal(4, config.Effective.SettingsFiles.Count);
        Assert.False(config.Effective.SettingsFiles.Single(f => f.Kind == ConfigSourceKind.ManagedSettings).Exists);
    }

    [Fact]
    public void Managed_settings_and_options_win_over_everything()
    {
        _home.Environment["ANTHROPIC_MODEL"] = "shell-model";
        System.IO.File.WriteAllText(_home.ManagedSettings, "{\"env\":{\"ANTHROPIC_MODEL\":\"managed-model\",\"ANTHROPIC_BASE_URL\":\"https://managed.example\"}}");

        var config = _home.Read(new Dictionary<string, string?> { ["ANTHROPIC_BASE_URL"] = "https://option.example", ["ANTHROPIC_MODEL"] = null });

        Assert.Equal("managed-model", config.Effective["ANTHROPIC_MODEL"]!.Value);
        Assert.Equal(ConfigSourceKind.ManagedSettings, config.Effective["ANTHROPIC_MODEL"]!.Source.Kind);
        Assert.Equal(ConfigSource.Option, config.Effective["ANTHROPIC_BASE_URL"]!.Source);
    }

    [Fact]
    public void Secrets_are_masked_with_length_and_source_and_never_serialized_raw()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
        _home.Environment["HTTPS_PROXY"] = "http://user:hunter2secret@proxy.example:3128";
        System.IO.File.WriteAllText(_home.UserSettings, "{\"env\":{\"ANTHROPIC_AUTH_TOKEN\":\"router-token-CANARY-0123456789\"}}");

        var config = _home.Read();
        var key = config.Effective["ANTHROPIC_API_KEY"]!;

        Assert.Equal("sk-ant-…Ab12", key.Value);
        Assert.Equal(Key.Length, key.Length);
        Assert.True(key.Secret);
        Assert.Equal(ConfigSource.Environment, key.Source);
        var json = JsonSerializer.Serialize(config.Effective) + config + config.Effective + string.Join("", config.Effective.Values);
        Assert.DoesNotContain("CANARY", json);
        Assert.DoesNotContain("hunter2secret", json);
        Assert.Contains("proxy.example:3128", json);
    }

    [Fact]
    public void A_broken_settings_file_is_reported_with_its_position_and_not_its_content()
    {
        System.IO.File.WriteAllText(_home.ProjectSettings, "{\"env\":{\"ANTHROPIC_API_KEY\":\"sk-ant-api03-SECRETINBROKENFILE\",}\n oops");
        System.IO.File.WriteAllText(_home.UserSettings, "{\"env\":[\"not\",\"an object\"]}");

        var r = Check();

        var broken = r.Findings.Where(f => f.Code == FindingCodes.ConfigSettingsInvalid).ToList();
        Assert.Equal(2, broken.Count);
        Assert.Contains(broken, f => f.Summary.Contains(_home.ProjectSettings) && f.Summary.Contains("not valid JSON at line 1"));
        Assert.Contains(broken, f => f.Summary.Contains(_home.UserSettings) && f.Summary.Contains("\"env\" is not an object"));
        Assert.DoesNotContain("SECRETINBROKENFILE", string.Join("", r.Findings));
    }

    [Fact]
    public void No_credential_is_key_missing()
    {
        Assert.Contains(FindingCodes.ConfigKeyMissing, Codes(Check()));
    }

    [Fact]
    public void Key_and_token_both_set_is_reported_with_both_sources()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
        System.IO.File.WriteAllText(_home.UserSettings, "{\"env\":{\"ANTHROPIC_AUTH_TOKEN\":\"tok-0123456789abcdef\"}}");

        var f = Assert.Single(Check(ClaudeProfile.Gateway).Findings);

        Assert.Equal(FindingCodes.ConfigKeyAndTokenBothSet, f.Code);
        Assert.Contains("environment", f.Summary);
        Assert.Contains(_home.UserSettings, f.Summary);
    }

    [Theory]
    [InlineData(Key + "\n", "line break")]
    [InlineData(" " + Key, "whitespace")]
    [InlineData("\"" + Key + "\"", "quotes")]
    [InlineData("$ANTHROPIC_KEY", "unexpanded variable")]
    [InlineData("${MY_KEY}", "unexpanded variable")]
    [InlineData("sk-ant-oat01-0123456789abcdef0123456789", "OAuth token")]
    [InlineData("sk-ant-admin01-0123456789abcdef0123456789", "Admin API key")]
    [InlineData("sk-proj-0123456789abcdef0123456789", "does not start with sk-ant-")]
    public void Malformed_api_keys_are_named_without_quoting_them(string key, string problem)
    {
        _home.Environment["ANTHROPIC_API_KEY"] = key;

        var f = Assert.Single(Check().Findings);

        Assert.Equal(FindingCodes.ConfigKeyMalformed, f.Code);
        Assert.Contains(problem, f.Summary);
        Assert.DoesNotContain(key.Trim().Trim('"'), f.Summary + f.Evidence);
    }

    [Fact]
    public void An_api_key_in_the_auth_token_is_the_wrong_prefix_for_bearer_on_anthropic_but_fine_on_a_gateway()
    {
        _home.Environment["ANTHROPIC_AUTH_TOKEN"] = Key;

        Assert.Contains("x-api-key", Assert.Single(Check(ClaudeProfile.Anthropic).Findings, f => f.Code == FindingCodes.ConfigKeyMalformed).Summary);
        Assert.Empty(Check(ClaudeProfile.Gateway).Findings);
    }

    [Theory]
    [InlineData("https://gw.example/v1", FindingCodes.ConfigBaseUrlPath)]
    [InlineData("https://gw.example/anthropic/v1/messages/", FindingCodes.ConfigBaseUrlPath)]
    [InlineData("api.anthropic.com", FindingCodes.ConfigBaseUrlInvalid)]
    [InlineData("ftp://gw.example/", FindingCodes.ConfigBaseUrlInvalid)]
    public void Base_url_problems(string baseUrl, string code)
    {
        _home.Environment["ANTHROPIC_BASE_URL"] = baseUrl;
        _home.Environment["ANTHROPIC_AUTH_TOKEN"] = "tok-0123456789abcdef";

        var f = Assert.Single(Check(ClaudeProfile.Gateway).Findings);

        Assert.Equal(code, f.Code);
        Assert.Contains("ANTHROPIC_BASE_URL (environment)", f.Summary + f.Evidence);
    }

    [Fact]
    public void The_default_base_url_is_anthropics_and_detected_as_the_anthropic_profile_without_any_lookup()
    {
        var config = _home.Read();

        var (text, source) = ClaudeBaseUrl.Of(config);
        Assert.True(ClaudeBaseUrl.TryParse(text, out var uri, out _));

        Assert.Equal("https://api.anthropic.com", text);
        Assert.StartsWith("default", source);
        Assert.Equal(ClaudeProfile.Anthropic, ProfileDetector.Detect(uri!, config).Profile);
        Assert.Equal("https://api.anthropic.com/v1/models?limit=1", ClaudeBaseUrl.Api(uri!, "/v1/models?limit=1").ToString());
        Assert.Equal("https://gw.example/anthropic/v1/messages", ClaudeBaseUrl.Api(new Uri("https://gw.example/anthropic/"), "/v1/messages").ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:3456", null, ClaudeProfile.ClaudeCodeRouter)]
    [InlineData("http://localhost:8080", null, ClaudeProfile.Gateway)]
    [InlineData("https://llm-gateway.corp.example", null, ClaudeProfile.Gateway)]
    [InlineData("https://api.anthropic.com", "CLAUDE_CODE_USE_BEDROCK", ClaudeProfile.Bedrock)]
    [InlineData("https://api.anthropic.com", "CLAUDE_CODE_USE_VERTEX", ClaudeProfile.Vertex)]
    public void Profiles_are_detected_from_switches_then_the_base_url(string baseUrl, string? switchName, ClaudeProfile expected)
    {
        if (switchName is not null) _home.Environment[switchName] = "1";

        Assert.Equal(expected, ProfileDetector.Detect(new Uri(baseUrl), _home.Read()).Profile);
    }

    [Fact]
    public void A_provider_switch_is_reported_and_key_checks_do_not_apply()
    {
        _home.Environment["CLAUDE_CODE_USE_BEDROCK"] = "true";

        var f = Assert.Single(Check(ClaudeProfile.Bedrock).Findings);

        Assert.Equal(FindingCodes.ConfigProviderSwitch, f.Code);
        Assert.Contains("Bedrock", f.Summary);
    }

    [Theory]
    [InlineData("HTTPS_PROXY", "socks5://127.0.0.1:1080")]
    [InlineData("ALL_PROXY", "socks5h://user:pw-secret@127.0.0.1:1080")]
    public void Socks_proxies_are_unsupported(string name, string value)
    {
        _home.Environment[name] = value;
        _home.Environment["ANTHROPIC_API_KEY"] = Key;

        var f = Assert.Single(Check().Findings);

        Assert.Equal(FindingCodes.ConfigProxyUnsupportedScheme, f.Code);
        Assert.Contains(name, f.Summary);
        Assert.DoesNotContain("pw-secret", f.Summary + f.Evidence);
    }

    [Fact]
    public void Tls_reject_unauthorized_zero_is_the_existing_tls_verify_disabled_code()
    {
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
        System.IO.File.WriteAllText(_home.UserSettings, "{\"env\":{\"NODE_TLS_REJECT_UNAUTHORIZED\":\"0\"}}");

        var f = Assert.Single(Check().Findings);

        Assert.Equal(FindingCodes.ConfigTlsVerifyDisabled, f.Code);
        Assert.Equal(Layer.Config, f.Layer);
        Assert.Contains(_home.UserSettings, f.Summary);
    }

    [Fact]
    public void Extra_ca_certs_pem_is_used_and_der_missing_or_empty_files_are_invalid()
    {
        using var certs = new TestCertificates();
        _home.Environment["ANTHROPIC_API_KEY"] = Key;
        var der = _home.File("root.cer", certs.Root.RawData);
        var text = _home.File("notes.txt", "not a certificate");

        _home.Environment["NODE_EXTRA_CA_CERTS"] = certs.RootPemPath;
        var pem = Check();
        Assert.Empty(pem.Findings);
        Assert.Equal(certs.RootPemPath, pem.ExtraCaPath);
        Assert.Equal(1, pem.ExtraCaCount);

        foreach (var (path, problem) in new[] { (der, "DER"), (Path.Combine(_home.Root, "missing.pem"), "does not exist"), (text, "no PEM certificate"), (_home.Root, "directory") })
        {
            _home.Environment["NODE_EXTRA_CA_CERTS"] = path;
            var r = Check();
            var f = Assert.Single(r.Findings);
            Assert.Equal(FindingCodes.ConfigExtraCaInvalid, f.Code);
            Assert.Contains(problem, f.Summary);
            Assert.Null(r.ExtraCaPath);
        }
    }
}
