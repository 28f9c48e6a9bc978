using ConnDiag.Secrets;

namespace ConnDiag.Claude.Config;

/// <summary>
/// Claude Code's effective configuration: each variable from the highest-precedence source that sets it (options,
/// managed settings, project-local, project, user settings <c>env</c> blocks, then the shell — settings win over
/// the shell because Claude Code writes them into its environment). Raw values stay inside the engine; only
/// <see cref="Effective"/> (masked) may be shown or serialized.
/// </summary>
public sealed class ClaudeConfig
{
    private readonly Dictionary<string, (string Value, ConfigSource Source)> _raw;

    private readonly Func<string, string?> _shell;

    private ClaudeConfig(Dictionary<string, (string, ConfigSource)> raw, EffectiveConfig effective, Func<string, string?> shell)
    {
        _raw = raw;
        Effective = effective;
        _shell = shell;
    }

    /// <summary>The effective configuration as it may be shown: secrets masked, with sources.</summary>
    public EffectiveConfig Effective { get; }

    /// <summary>The raw effective value of a variable, or null. Secrets: never print this.</summary>
    internal string? Raw(string name) => _raw.TryGetValue(name, out var v) ? v.Value : null;

    /// <summary>Where a variable's effective value came from, or null when unset.</summary>
    public ConfigSource? SourceOf(string name) => _raw.TryGetValue(name, out var v) ? v.Source : null;

    /// <summary>
    /// The environment Claude Code would run with (settings <c>env</c> over the shell), for the proxy resolver and
    /// anything else that reads variables.
    /// </summary>
    public Func<string, string?> Environment => name => Raw(name);

    /// <summary>
    /// Any variable as Claude Code's process would see it: the known ones as in <see cref="Environment"/>, the rest
    /// (HOME, PATH) from the shell. Raw values: never print them.
    /// </summary>
    internal string? ProcessVariable(string name) => Raw(name) ?? _shell(name);

    /// <summary>The raw secrets (API key, auth token...) to scrub from any text this check produces.</summary>
    internal IReadOnlyList<string> Secrets =>
        ClaudeVariables.All.Where(v => v.Display == VariableDisplay.Secret).Select(v => Raw(v.Name)).OfType<string>().ToList();

    /// <summary>Reads the configuration from <paramref name="sources"/>, with <paramref name="overrides"/> (explicit options) on top.</summary>
    /// <param name="sources">The environment and settings files.</param>
    /// <param name="overrides">Variables given as options (e.g. <c>ANTHROPIC_BASE_URL</c> from <c>-BaseUrl</c>); null values are ignored.</param>
    public static ClaudeConfig Read(ClaudeConfigSources sources, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        // Lowest precedence first; each later layer replaces the value and keeps the earlier one as shadowed.
        var layers = new List<(ConfigSource Source, Func<string, string?> Get)>
        {
            (ConfigSource.Environment, sources.Environment),
        };
        var files = new List<SettingsFileState>();
        foreach (var (path, kind) in sources.SettingsFiles())
        {
            var (state, env) = SettingsFileReader.Read(path, kind);
            files.Add(state);
            layers.Add((new ConfigSource(kind, path), name => env.TryGetValue(name, out var v) ? v : null));
        }
        if (overrides is not null) layers.Add((ConfigSource.Option, name => overrides.TryGetValue(name, out var v) ? v : null));

        var raw = new Dictionary<string, (string, ConfigSource)>(StringComparer.Ordinal);
        var found = new List<(string Name, VariableDisplay Display, List<(string Value, ConfigSource Source)> Values)>();
        foreach (var (name, display) in ClaudeVariables.All)
        {
            var values = new List<(string Value, ConfigSource Source)>();
            foreach (var (source, get) in layers)
            {
                if (get(name) is { } v) values.Add((v, source));
            }
            if (values.Count == 0) continue;
            raw[name] = values[^1];
            found.Add((name, display, values));
        }

        // Every secret value, from whichever layer, is scrubbed from the values shown: a key pasted into a URL or
        // another variable stays hidden too.
        var masker = new SecretMasker(found.Where(f => f.Display == VariableDisplay.Secret).SelectMany(f => f.Values.Select(v => v.Value)));
        var shown = new List<ConfigValue>();
        foreach (var (name, display, values) in found)
        {
            var (value, from) = values[^1];
            var shadowed = values.Take(values.Count - 1).Reverse().Select(f => new ShadowedValue(Show(f.Value, display, masker), f.Source)).ToList();
            shown.Add(new ConfigValue(name, Show(value, display, masker), from, display == VariableDisplay.Secret,
                display == VariableDisplay.Secret ? value.Length : null, shadowed));
        }
        var stateFile = sources.StatePath is { Length: > 0 } statePath ? ClaudeStateFile.Read(statePath) : null;
        return new ClaudeConfig(raw, new EffectiveConfig(shown, files) { State = stateFile }, sources.Environment);
    }

    /// <summary>A value as it may be shown.</summary>
    internal static string Show(string value, VariableDisplay display, SecretMasker? masker = null)
    {
        masker ??= SecretMasker.Default;
        return display switch
        {
            VariableDisplay.Secret => SecretMasker.Mask(value),
            VariableDisplay.Url => Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? masker.MaskUri(uri)
                // Not a URL (yet it may carry a password or an api_key= query): mask both shapes.
                : masker.MaskPathAndQuery(SecretMasker.MaskUrlCredentials(value)),
            // A key pasted into the wrong variable is still a key.
            _ => masker.MaskText(value),
        };
    }

    public override string ToString() => string.Join(", ", Effective.Values);
}
