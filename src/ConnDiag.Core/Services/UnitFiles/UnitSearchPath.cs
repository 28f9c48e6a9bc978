namespace ConnDiag.Services.UnitFiles;

/// <summary>
/// Where systemd looks for system units, highest priority first, under a root directory (<c>/</c> on a live
/// system; a temporary tree in tests, or a mounted image). The first directory holding <c>NAME</c> supplies the
/// unit file; drop-ins (<c>NAME.d/*.conf</c>) come from every directory, a file name in a higher-priority
/// directory hiding the same name below, applied in lexical order of their file names.
/// </summary>
public sealed class UnitSearchPath
{
    /// <summary>The system unit directories of systemd.unit(5) that hold administrator and package units.</summary>
    public static readonly IReadOnlyList<string> SystemDirectories =
    [
        "/etc/systemd/system",
        "/run/systemd/system",
        "/usr/local/lib/systemd/system",
        "/usr/lib/systemd/system",
        "/lib/systemd/system",
    ];

    /// <summary>Most drop-in files read for one unit; a directory with more is not a real configuration.</summary>
    public const int MaxDropIns = 256;

    public UnitSearchPath(string root = "/")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Directories = SystemDirectories.Select(d => Path.Combine(Root, d.TrimStart('/'))).ToList();
    }

    /// <summary>The root the directories are under.</summary>
    public string Root { get; }

    /// <summary>The unit directories under <see cref="Root"/>, highest priority first.</summary>
    public IReadOnlyList<string> Directories { get; }

    /// <summary>The unit file for <paramref name="name"/>; a template instance (<c>foo@bar.service</c>) falls back to <c>foo@.service</c>.</summary>
    public string? FindUnitFile(string name)
    {
        foreach (var candidate in Candidates(name))
        {
            foreach (var dir in Directories)
            {
                var path = Path.Combine(dir, candidate);
                if (File.Exists(path) || IsLink(path)) return path;
            }
        }
        return null;
    }

    /// <summary>Drop-in files for <paramref name="name"/> from every directory, in the order systemd applies them.</summary>
    public IReadOnlyList<string> FindDropIns(string name)
    {
        var byFileName = new Dictionary<string, string>(StringComparer.Ordinal);
        // Template drop-ins first so an instance's own directory can override them by file name.
        foreach (var candidate in Candidates(name).Reverse())
        {
            foreach (var dir in Directories.Reverse())
            {
                foreach (var file in ConfFiles(Path.Combine(dir, candidate + ".d"))) byFileName[Path.GetFileName(file)] = file;
            }
        }
        return byFileName.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).Take(MaxDropIns).ToList();
    }

    /// <summary>Drop-ins beside a unit file given by path (<c>FILE.d/*.conf</c>), in lexical order.</summary>
    public static IReadOnlyList<string> DropInsBeside(string unitFile) =>
        ConfFiles(unitFile + ".d").OrderBy(Path.GetFileName, StringComparer.Ordinal).Take(MaxDropIns).ToList();

    private static IEnumerable<string> Candidates(string name)
    {
        yield return name;
        var at = name.IndexOf('@');
        var dot = name.LastIndexOf('.');
        if (at > 0 && dot > at + 1) yield return name[..(at + 1)] + name[dot..];
    }

    private static IEnumerable<string> ConfFiles(string dir)
    {
        if (!Directory.Exists(dir)) return [];
        try
        {
            return Directory.EnumerateFiles(dir, "*.conf").Take(MaxDropIns * 4).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
