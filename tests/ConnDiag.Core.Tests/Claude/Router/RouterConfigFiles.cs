namespace ConnDiag.Core.Tests.Claude.Router;

/// <summary>A temporary directory standing in for ~/.claude-code-router, removed on dispose.</summary>
internal sealed class RouterConfigFiles : IDisposable
{
    public RouterConfigFiles()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "conndiag-ccr-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string ConfigPath => System.IO.Path.Combine(Directory, "config.json");

    /// <summary>Writes config.json (or another file name) and returns its path.</summary>
    public string Write(string text, string name = "config.json")
    {
        var path = System.IO.Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Copies a fixture file from Fixtures/ in as config.json.</summary>
    public string WriteFixture(string fixture) => Write(File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Claude", "Router", "Fixtures", fixture)));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
