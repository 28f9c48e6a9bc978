namespace ConnDiag.Claude.Config;

/// <summary>Where an effective Claude Code setting came from, lowest precedence first.</summary>
public enum ConfigSourceKind
{
    /// <summary>The process environment (the shell).</summary>
    Environment,

    /// <summary>The user's <c>~/.claude/settings.json</c> <c>env</c> block.</summary>
    UserSettings,

    /// <summary>The project's <c>.claude/settings.json</c> <c>env</c> block.</summary>
    ProjectSettings,

    /// <summary>The project's <c>.claude/settings.local.json</c> <c>env</c> block.</summary>
    LocalSettings,

    /// <summary>Managed (enterprise) settings, which override everything a user sets.</summary>
    ManagedSettings,

    /// <summary>An explicit option of this check (<c>-BaseUrl</c>, <c>-ApiKey</c>...).</summary>
    Option,
}

/// <summary>One source of a setting: its kind and, for settings files, the file.</summary>
/// <param name="Kind">The kind of source.</param>
/// <param name="Path">The settings file, or null for the environment and options.</param>
public sealed record ConfigSource(ConfigSourceKind Kind, string? Path = null)
{
    /// <summary>The process environment.</summary>
    public static ConfigSource Environment { get; } = new(ConfigSourceKind.Environment);

    /// <summary>An explicit option.</summary>
    public static ConfigSource Option { get; } = new(ConfigSourceKind.Option);

    public override string ToString() => Kind switch
    {
        ConfigSourceKind.Environment => "environment",
        ConfigSourceKind.Option => "option",
        _ => $"{Path} (env block)",
    };
}
