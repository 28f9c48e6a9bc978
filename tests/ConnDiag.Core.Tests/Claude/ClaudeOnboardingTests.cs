using ConnDiag.Claude.Config;
using ConnDiag.Claude.Profile;
using ConnDiag.Core.Tests.Claude.Support;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Claude;

/// <summary>
/// ~/.claude.json's hasCompletedOnboarding: with a gateway or claude-code-router, Claude Code's first-run check
/// still goes to Anthropic, so an unfinished onboarding is a warning there and nothing on Anthropic's own API.
/// </summary>
public sealed class ClaudeOnboardingTests : IDisposable
{
    private readonly ClaudeHome _home = new();

    public ClaudeOnboardingTests() => _home.Environment["ANTHROPIC_AUTH_TOKEN"] = "tok-0123456789abcdef";

    public void Dispose() => _home.Dispose();

    private IReadOnlyList<Finding> Onboarding(ClaudeProfile profile)
    {
        var config = ClaudeConfig.Read(_home.SourcesWithState);
        return ClaudeConfigCheck.Run(config, new Uri("http://127.0.0.1:3456"), profile).Findings
            .Where(f => f.Code == FindingCodes.ConfigOnboardingIncomplete).ToList();
    }

    [Theory]
    [InlineData(ClaudeProfile.Gateway, "gateway")]
    [InlineData(ClaudeProfile.ClaudeCodeRouter, "router")]
    public void Without_a_state_file_a_gateway_or_router_user_is_warned_that_the_first_run_check_goes_to_Anthropic(ClaudeProfile profile, string word)
    {
        var f = Assert.Single(Onboarding(profile));

        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains(_home.StateFile, f.Summary, StringComparison.Ordinal);
        Assert.Contains(word, f.Summary, StringComparison.Ordinal);
        Assert.Contains("does not exist", f.Evidence, StringComparison.Ordinal);
        Assert.Contains("hasCompletedOnboarding", f.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_completed_onboarding_is_not_a_finding_and_the_rest_of_the_file_is_never_shown()
    {
        File.WriteAllText(_home.StateFile, """{ "numStartups": 12, "projects": { "/srv/secret-project": { "history": ["do not show me"] } }, "hasCompletedOnboarding": true }""");

        Assert.Empty(Onboarding(ClaudeProfile.Gateway));
        var state = ClaudeConfig.Read(_home.SourcesWithState).Effective.State!;
        Assert.True(state.HasCompletedOnboarding);
        Assert.DoesNotContain("secret-project", state.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "hasCompletedOnboarding": false }""", "\"hasCompletedOnboarding\": false")]
    [InlineData("""{ "numStartups": 1 }""", "has no \"hasCompletedOnboarding\" flag")]
    [InlineData("""{ "hasCompletedOnboarding": tru""", "not valid JSON at line 1")]
    [InlineData("""[ true ]""", "the top level is not a JSON object")]
    public void A_false_missing_or_unreadable_flag_is_a_warning_that_says_which(string text, string evidence)
    {
        File.WriteAllText(_home.StateFile, text);

        var f = Assert.Single(Onboarding(ClaudeProfile.ClaudeCodeRouter));

        Assert.Contains(evidence, f.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClaudeProfile.Anthropic)]
    [InlineData(ClaudeProfile.Bedrock)]
    public void Anthropics_own_API_and_the_cloud_providers_are_not_concerned(ClaudeProfile profile)
    {
        Assert.Empty(Onboarding(profile));
    }

    [Fact]
    public void Without_a_state_path_nothing_is_read_and_nothing_is_said()
    {
        var config = ClaudeConfig.Read(_home.Sources);

        Assert.Null(config.Effective.State);
        Assert.DoesNotContain(ClaudeConfigCheck.Run(config, new Uri("http://127.0.0.1:3456"), ClaudeProfile.Gateway).Findings,
            f => f.Code == FindingCodes.ConfigOnboardingIncomplete);
    }
}
