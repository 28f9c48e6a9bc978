using System.Reflection;
using System.Text.Json;
using ConnDiag.Claude.Api;
using ConnDiag.Claude.Config;
using ConnDiag.Claude.Profile;
using ConnDiag.Core.Tests.Claude.Status.Support;
using ConnDiag.Core.Tests.Claude.Support;
using static ConnDiag.Cli.Tests.JsonDocumentationTests;

namespace ConnDiag.Cli.Tests.Claude;

/// <summary>docs/json.md's `conndiag claude --json` tables against a real report from the loopback fake API.</summary>
public sealed class ClaudeJsonDocumentationTests : IAsyncLifetime
{
    private ClaudeCli _cli = null!;

    public async Task InitializeAsync() => _cli = await ClaudeCli.StartAsync();

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task Claude_only_properties_match_the_real_output()
    {
        _cli.Server.Scenario = FakeScenario.RateLimited;
        await using var pages = await StatuspageFixture.StartAsync();
        // A settings file that a variable of the environment overrides, so values, sources and shadowed values all show.
        var dir = Directory.CreateTempSubdirectory("conndiag-claude-json-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, ".claude"));
            File.WriteAllText(Path.Combine(dir, ".claude", "settings.json"), "{\"env\":{\"ANTHROPIC_MODEL\":\"claude-test-0\"}}");
            var run = await _cli.RunAsync(["--key-env", "CANARY_KEY", "--status-page-url", pages.Page(StatuspageFixture.Degraded), "--json"],
                new Dictionary<string, string?> { ["HOME"] = dir, ["ANTHROPIC_MODEL"] = FakeAnthropicServer.KnownModel });

            Assert.True(run.ExitCode == 0, run.ToString());
            using var doc = JsonDocument.Parse(run.Stdout);
            var report = doc.RootElement;
            var generic = Docs.Value["Endpoint report"].Select(p => p.Name).ToHashSet();
            Assert.All(generic, name => Assert.True(report.TryGetProperty(name, out _), $"generic property {name} missing"));
            AssertSameNames("Claude connection report", Names(report).Where(n => !generic.Contains(n)));

            var config = report.GetProperty("effectiveConfig");
            var values = config.GetProperty("values").EnumerateArray().ToList();
            AssertSameNames("Effective config", Names(config));
            AssertSameNames("Config value", values.SelectMany(Names));
            AssertSameNames("Config source", values.Select(v => v.GetProperty("source")).SelectMany(Names));
            var shadowed = values.SelectMany(v => v.GetProperty("shadowed").EnumerateArray()).ToList();
            AssertSameNames("Shadowed value", shadowed.SelectMany(Names));
            AssertSameNames("Settings file", config.GetProperty("settingsFiles").EnumerateArray().SelectMany(Names));
            AssertSameNames("Claude state file", Names(config.GetProperty("state")));

            var limits = report.GetProperty("rateLimits");
            AssertSameNames("Rate limits", Names(limits));
            AssertSameNames("Rate limit window", limits.GetProperty("windows").EnumerateArray().SelectMany(Names));

            AssertSameNames("Provider status report", Names(report.GetProperty("statusPage")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("Claude connection report", typeof(ClaudeConnectionReport))]
    [InlineData("Config source", typeof(ConfigSource))]
    [InlineData("Settings file", typeof(SettingsFileState))]
    public void Documented_enum_values_are_the_engine_enum_names(string section, Type type)
    {
        var checkedAny = false;
        foreach (var p in Docs.Value[section])
        {
            var clr = type.GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            Assert.True(clr is not null, $"{section}.{p.Name} has no property on {type.Name}");
            var t = Nullable.GetUnderlyingType(clr!.PropertyType) ?? clr.PropertyType;
            if (!t.IsEnum) continue;
            checkedAny = true;
            Assert.True(Enum.GetNames(t).SequenceEqual(p.Values), $"{section}.{p.Name}: docs list [{string.Join(", ", p.Values)}], {t.Name} has [{string.Join(", ", Enum.GetNames(t))}]");
        }
        Assert.True(checkedAny, $"no enum property documented in {section}");
    }

    [Fact]
    public void Every_documented_rate_limit_property_exists()
    {
        foreach (var p in Docs.Value["Rate limits"]) Assert.NotNull(typeof(RateLimits).GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase));
        foreach (var p in Docs.Value["Rate limit window"]) Assert.NotNull(typeof(RateLimitWindow).GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase));
    }
}
