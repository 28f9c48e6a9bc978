using ConnDiag.Claude.Config;
using ConnDiag.Claude.Profile;
using ConnDiag.Core.Tests.Claude.Support;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Core.Tests.Claude;

/// <summary>
/// The settings' apiKeyHelper: ConnDiag never runs it, but checks that the program it starts exists and is
/// executable (real files with real modes in a temp home), and never shows its arguments.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClaudeApiKeyHelperTests : IDisposable
{
    private readonly ClaudeHome _home = new();

    public void Dispose() => _home.Dispose();

    private IReadOnlyList<Finding> HelperFindings()
    {
        var config = _home.Read();
        return ClaudeConfigCheck.Run(config, new Uri("https://api.anthropic.com"), ClaudeProfile.Anthropic).Findings
            .Where(f => f.Code == FindingCodes.ConfigKeyHelperInvalid).ToList();
    }

    private void Helper(string command) =>
        File.WriteAllText(_home.UserSettings, System.Text.Json.JsonSerializer.Serialize(new { apiKeyHelper = command }));

    private string Script(string name, UnixFileMode mode)
    {
        var path = Path.Combine(_home.Root, name);
        File.WriteAllText(path, "#!/bin/sh\necho sk-ant-api03-from-the-helper\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Fact]
    public void An_executable_script_given_by_absolute_path_is_fine_and_is_never_run()
    {
        var script = Script("get-key.sh", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var marker = Path.Combine(_home.Root, "ran");
        File.AppendAllText(script, $"touch {marker}\n");
        Helper(script + " --profile work");

        Assert.Empty(HelperFindings());
        Assert.False(File.Exists(marker));
        var state = _home.Read().Effective.SettingsFiles.Single(f => f.HasApiKeyHelper);
        Assert.Equal(script, state.ApiKeyHelperProgram);
    }

    [Fact]
    public void A_script_that_is_not_executable_is_named_with_the_chmod_fix()
    {
        var script = Script("get-key.sh", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Helper(script);

        var f = Assert.Single(HelperFindings());

        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains($"starts {script}, which is not executable (chmod +x)", f.Summary, StringComparison.Ordinal);
        Assert.Contains(_home.UserSettings, f.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_script_under_the_home_directory_is_expanded_and_named()
    {
        _home.Environment["HOME"] = Path.Combine(_home.Root, "home");
        Helper("~/bin/missing-helper.sh");

        var f = Assert.Single(HelperFindings());

        Assert.Contains(Path.Combine(_home.Root, "home", "bin", "missing-helper.sh") + ", which does not exist", f.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_command_is_looked_up_on_PATH()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_home.Root, "bin")).FullName;
        File.Move(Script("vault-key", UnixFileMode.UserRead | UnixFileMode.UserExecute), Path.Combine(bin, "vault-key"));
        _home.Environment["PATH"] = bin;
        Helper("vault-key read secret/anthropic");
        Assert.Empty(HelperFindings());

        Helper("no-such-helper-3f9a");
        var f = Assert.Single(HelperFindings());
        Assert.Contains("starts no-such-helper-3f9a, which is not found on PATH (1 directories searched)", f.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_arguments_are_never_shown_even_when_they_carry_the_key()
    {
        const string key = "sk-ant-api03-CANARYhelper0123456789abcdef";
        Helper($"/nonexistent/printer {key}");

        var f = Assert.Single(HelperFindings());
        var json = System.Text.Json.JsonSerializer.Serialize(_home.Read().Effective, ConnDiag.Serialization.ConnDiagJson.Options);

        Assert.DoesNotContain("CANARY", f.Summary + f.Evidence + json, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/printer", f.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'/opt/my tools/key.sh' --x", "/opt/my tools/key.sh")]
    [InlineData("\"/opt/q.sh\"", "/opt/q.sh")]
    [InlineData("  echo hi", "echo")]
    [InlineData("", null)]
    public void The_program_is_the_first_word_with_quotes_removed(string command, string? program)
    {
        Assert.Equal(program, ApiKeyHelperCommand.Program(command));
    }
}
