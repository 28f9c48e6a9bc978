namespace ConnDiag.Services.UnitFiles;

/// <summary>Finds and reads a unit file and its drop-ins into a <see cref="SystemdUnit"/>.</summary>
public static class UnitLoader
{
    /// <summary>Longest unit name systemd accepts (UNIT_NAME_MAX).</summary>
    public const int MaxNameLength = 255;

    /// <summary><c>NAME</c> → <c>NAME.service</c> when it has no unit type suffix; throws on names systemd would refuse.</summary>
    public static string NormalizeName(string name)
    {
        var n = name.Trim();
        if (n.Length == 0) throw new UnitInputException(name, UnitInputProblem.InvalidName, "the unit name is empty");
        if (n.Contains('/') || n.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new UnitInputException(name, UnitInputProblem.InvalidName,
                $"'{n}' is not a unit name (no '/', spaces or control characters; give a file with -Path/--path)");
        }
        if (!n.EndsWith(".service", StringComparison.Ordinal))
        {
            if (n.Contains('.', StringComparison.Ordinal) && KnownOtherType(n))
            {
                throw new UnitInputException(name, UnitInputProblem.InvalidName, $"'{n}' is not a service unit: only .service units are checked");
            }
            n += ".service";
        }
        if (n.Length > MaxNameLength) throw new UnitInputException(name, UnitInputProblem.InvalidName, $"the unit name is longer than {MaxNameLength} characters");
        return n;
    }

    /// <summary>The unit <paramref name="name"/> from the search path, or null when no directory has it.</summary>
    public static SystemdUnit? LoadByName(UnitSearchPath searchPath, string name)
    {
        ArgumentNullException.ThrowIfNull(searchPath);
        var unitName = NormalizeName(name);
        var path = searchPath.FindUnitFile(unitName);
        return path is null ? null : Load(unitName, path, searchPath.FindDropIns(unitName));
    }

    /// <summary>A unit file given by path, with the drop-ins in <c>PATH.d/</c> beside it.</summary>
    public static SystemdUnit LoadFromPath(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new UnitInputException(full, UnitInputProblem.IsDirectory, $"{full} is a directory, not a unit file");
        if (!File.Exists(full)) throw new UnitInputException(full, UnitInputProblem.NotFound, $"{full} does not exist");
        return Load(System.IO.Path.GetFileName(full), full, UnitSearchPath.DropInsBeside(full));
    }

    private static SystemdUnit Load(string name, string path, IReadOnlyList<string> dropIns)
    {
        if (IsMasked(path)) return new SystemdUnit(name, path, [], [], [], Masked: true);
        var settings = new List<UnitSetting>();
        var problems = new List<UnitSyntaxProblem>();
        foreach (var file in new[] { path }.Concat(dropIns))
        {
            var (s, p) = UnitFileParser.Parse(UnitFileReader.Read(file), file);
            settings.AddRange(s);
            problems.AddRange(p);
        }
        return new SystemdUnit(name, path, dropIns, settings, problems);
    }

    private static bool IsMasked(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget == "/dev/null";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool KnownOtherType(string name) =>
        new[] { ".socket", ".target", ".timer", ".mount", ".path", ".slice", ".scope", ".device", ".swap", ".automount" }
            .Any(s => name.EndsWith(s, StringComparison.Ordinal));
}
