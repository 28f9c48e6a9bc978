using ConnDiag.Claude.Config;

namespace ConnDiag.Core.Tests.Claude.Support;

/// <summary>
/// A fake home and project in a temp directory with Claude Code settings files the test writes, and an injected
/// environment: config discovery never reads the real home or the process environment.
/// </summary>
internal sealed class ClaudeHome : IDisposable
{
    public ClaudeHome()
    {
        Root = Directory.CreateTempSubdirectory("conndiag-claude-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "home", ".claude"));
        Directory.CreateDirectory(Path.Combine(Root, "project", ".claude"));
    }

    public string Root { get; }
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
    public string UserSettings => Path.Combine(Root, "home", ".claude", "settings.json");
    public string ProjectSettings => Path.Combine(Root, "project", ".claude", "settings.json");
    public string LocalSettings => Path.Combine(Root, "project", ".claude", "settings.local.json");
    public string ManagedSettings => Path.Combine(Root, "managed-settings.json");

    /// <summary>Claude Code's state file in the fake home; only <see cref="SourcesWithState"/> reads it.</summary>
    public string StateFile => Path.Combine(Root, "home", ".claude.json");

    /// <summary>The sources plus ~/.claude.json (tests of the onboarding check; the others leave it out).</summary>
    public ClaudeConfigSources SourcesWithState => Sources with { StatePath = StateFile };

    public ClaudeConfigSources Sources => new(
        name => Environment.TryGetValue(name, out var v) ? v : null,
        UserSettings,
        Path.Combine(Root, "project"),
        ManagedSettings);

    public string File(string name, string text)
    {
        var path = Path.Combine(Root, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string File(string name, byte[] bytes)
    {
        var path = Path.Combine(Root, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public ClaudeConfig Read(IReadOnlyDictionary<string, string?>? overrides = null) => ClaudeConfig.Read(Sources, overrides);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }
}
