using System.Xml.Linq;

namespace ConnDiag.Module.Tests.Support;

/// <summary>Files of the repository the tests check, found from the test binary's location.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Manifest => Path.Combine(Root, "ConnDiag.psd1");

    public static string FormatFile => Path.Combine(Root, "module", "ConnDiag.Format.ps1xml");

    public static string AboutHelp => Path.Combine(Root, "module", "en-US", "about_ConnDiag.help.txt");

    public static string Docs => Path.Combine(Root, "docs");

    public static string FindingsDoc => Path.Combine(Docs, "findings.md");

    /// <summary>The one version number for every assembly and the manifest (Directory.Build.props).</summary>
    public static string BuildVersion()
    {
        var props = XDocument.Load(Path.Combine(Root, "Directory.Build.props"));
        var versions = props.Descendants("Version").Select(e => e.Value.Trim()).ToList();
        Assert.True(versions.Count == 1, $"Directory.Build.props should set <Version> exactly once, found {versions.Count}.");
        return versions[0];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConnDiag.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ConnDiag.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
