namespace ConnDiag.Claude.Config;

/// <summary>
/// Where Claude Code's settings are read from. Everything is injectable so a test (or a check of another user's
/// setup) never reads the real home directory or environment.
/// </summary>
/// <param name="Environment">Reads one environment variable; null when unset.</param>
/// <param name="UserSettingsPath">The user's settings file (<c>~/.claude/settings.json</c>), or null for none.</param>
/// <param name="ProjectDirectory">The project whose <c>.claude/settings.json</c> and <c>.claude/settings.local.json</c> apply, or null for none.</param>
/// <param name="ManagedSettingsPath">The managed (enterprise) settings file, or null for none.</param>
/// <param name="StatePath">Claude Code's state file (<c>~/.claude.json</c>, read for <c>hasCompletedOnboarding</c>), or null for none.</param>
public sealed record ClaudeConfigSources(
    Func<string, string?> Environment,
    string? UserSettingsPath = null,
    string? ProjectDirectory = null,
    string? ManagedSettingsPath = null,
    string? StatePath = null)
{
    /// <summary>This process: its environment, the user's home, the current directory and the platform's managed settings file.</summary>
    public static ClaudeConfigSources ForCurrentProcess()
    {
        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        string? managed = OperatingSystem.IsWindows() ? @"C:\Program Files\ClaudeCode\managed-settings.json"
            : OperatingSystem.IsMacOS() ? "/Library/Application Support/ClaudeCode/managed-settings.json"
            : "/etc/claude-code/managed-settings.json";
        return new ClaudeConfigSources(
            System.Environment.GetEnvironmentVariable,
            string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".claude", "settings.json"),
            Directory.GetCurrentDirectory(),
            managed,
            string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".claude.json"));
    }

    /// <summary>The settings files in precedence order, lowest first: user, project, project-local, managed.</summary>
    public IReadOnlyList<(string Path, ConfigSourceKind Kind)> SettingsFiles()
    {
        var files = new List<(string, ConfigSourceKind)>();
        if (UserSettingsPath is { Length: > 0 } user) files.Add((user, ConfigSourceKind.UserSettings));
        if (ProjectDirectory is { Length: > 0 } project)
        {
            files.Add((Path.Combine(project, ".claude", "settings.json"), ConfigSourceKind.ProjectSettings));
            files.Add((Path.Combine(project, ".claude", "settings.local.json"), ConfigSourceKind.LocalSettings));
        }
        if (ManagedSettingsPath is { Length: > 0 } managed) files.Add((managed, ConfigSourceKind.ManagedSettings));
        return files;
    }
}
