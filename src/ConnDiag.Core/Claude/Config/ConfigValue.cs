namespace ConnDiag.Claude.Config;

/// <summary>A value a lower-precedence source also set, kept so disagreements are visible rather than guessed away.</summary>
/// <param name="Value">The value as it may be shown (masked when secret).</param>
/// <param name="Source">Where it was set.</param>
public sealed record ShadowedValue(string Value, ConfigSource Source);

/// <summary>One effective Claude Code setting as it may be shown: secrets masked, with length and source.</summary>
/// <param name="Name">The variable, e.g. <c>ANTHROPIC_BASE_URL</c>.</param>
/// <param name="Value">The effective value; for secrets the mask (<c>sk-ant-…Ab12</c>), for proxy URLs the URL with its password hidden.</param>
/// <param name="Source">Where the effective value came from.</param>
/// <param name="Secret">True when the value is a credential and only its mask is shown.</param>
/// <param name="Length">The raw value's length in characters for secrets (to spot a truncated or padded key), else null.</param>
/// <param name="Shadowed">Other sources that set it too, with lower precedence; empty when only one did.</param>
public sealed record ConfigValue(string Name, string Value, ConfigSource Source, bool Secret, int? Length, IReadOnlyList<ShadowedValue> Shadowed)
{
    /// <summary>True when another source set a different value (the shell and a settings file disagree).</summary>
    public bool Disagrees => Shadowed.Any(s => s.Value != Value);

    public override string ToString() => Secret ? $"{Name}={Value} ({Length} chars, {Source})" : $"{Name}={Value} ({Source})";
}

/// <summary>A settings file that was looked for: whether it was there, and why it could not be used.</summary>
/// <param name="Path">The file.</param>
/// <param name="Kind">Which settings level it is.</param>
/// <param name="Exists">True when the file exists.</param>
/// <param name="Problem">Why it could not be read or parsed, or null.</param>
/// <param name="VariableCount">How many variables its <c>env</c> block set.</param>
/// <param name="HasApiKeyHelper">True when it names an <c>apiKeyHelper</c> script (its output is the key; not run here).</param>
public sealed record SettingsFileState(string Path, ConfigSourceKind Kind, bool Exists, string? Problem, int VariableCount, bool HasApiKeyHelper)
{
    /// <summary>
    /// The program the <c>apiKeyHelper</c> command starts (its first word, <c>~</c> as written); its arguments are
    /// left out, since a helper such as <c>echo sk-…</c> carries the key there. Null without a helper.
    /// </summary>
    public string? ApiKeyHelperProgram { get; init; }
}

/// <summary>The effective Claude Code configuration as it may be shown and serialized: nothing in it is a raw secret.</summary>
/// <param name="Values">Every known variable that is set, by name.</param>
/// <param name="SettingsFiles">The settings files looked for, in precedence order (lowest first).</param>
public sealed record EffectiveConfig(IReadOnlyList<ConfigValue> Values, IReadOnlyList<SettingsFileState> SettingsFiles)
{
    /// <summary>What <c>~/.claude.json</c> says about the first-run onboarding; null when no state file was looked for.</summary>
    public ClaudeStateFile? State { get; init; }

    /// <summary>The value of one variable (masked when secret), or null when unset.</summary>
    public ConfigValue? this[string name] => Values.FirstOrDefault(v => v.Name == name);
}
