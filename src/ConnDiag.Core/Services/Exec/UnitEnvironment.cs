using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Services.Exec;

/// <summary>One environment variable the service gets, and where it was set.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">Its value (masked in output when the name looks secret).</param>
/// <param name="Source"><c>FILE:LINE</c> of the Environment= assignment or the EnvironmentFile= line.</param>
public sealed record EnvironmentVariable(string Name, string Value, string Source);

/// <summary>One EnvironmentFile= entry and what reading it gave.</summary>
/// <param name="Path">The file named (absolute).</param>
/// <param name="Optional">True for a <c>-</c> prefix: a missing file is then not an error.</param>
/// <param name="Exists">True when the file could be read.</param>
/// <param name="Error">Why it could not be read, or null.</param>
/// <param name="Source">The <c>FILE:LINE</c> of the EnvironmentFile= assignment.</param>
public sealed record EnvironmentFileEntry(string Path, bool Optional, bool Exists, string? Error, string Source);

/// <summary>
/// The environment systemd gives the service from Environment= and EnvironmentFile= (later assignments win;
/// files are read after Environment=, so their values override it, as systemd.exec(5) says).
/// </summary>
public sealed class UnitEnvironment
{
    private readonly Dictionary<string, EnvironmentVariable> _vars = new(StringComparer.Ordinal);
    private readonly List<EnvironmentFileEntry> _files = [];
    private readonly List<UnitSyntaxProblem> _problems = [];

    /// <summary>Variables in effect, by name.</summary>
    public IReadOnlyDictionary<string, EnvironmentVariable> Variables => _vars;

    /// <summary>The EnvironmentFile= entries in order.</summary>
    public IReadOnlyList<EnvironmentFileEntry> Files => _files;

    /// <summary>Environment= words and environment-file lines systemd ignores.</summary>
    public IReadOnlyList<UnitSyntaxProblem> Problems => _problems;

    /// <summary>True when <paramref name="name"/> is a valid variable name (letters, digits, underscore; not starting with a digit).</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>True for names whose values are credentials (…KEY, …TOKEN, …SECRET, …PASSWORD): never printed unmasked.</summary>
    public static bool LooksSecret(string name)
    {
        var n = name.ToUpperInvariant();
        return n.Contains("KEY", StringComparison.Ordinal) || n.Contains("TOKEN", StringComparison.Ordinal)
            || n.Contains("SECRET", StringComparison.Ordinal) || n.Contains("PASSWORD", StringComparison.Ordinal)
            || n.Contains("PASSWD", StringComparison.Ordinal) || n.Contains("CREDENTIAL", StringComparison.Ordinal)
            || n.EndsWith("_AUTH", StringComparison.Ordinal);
    }

    /// <summary>An environment with exactly these variables (for callers that already have them).</summary>
    internal static UnitEnvironment Of(IEnumerable<EnvironmentVariable> variables)
    {
        var env = new UnitEnvironment();
        foreach (var v in variables) env._vars[v.Name] = v;
        return env;
    }

    /// <summary>Reads the unit's Environment= and EnvironmentFile= settings; <paramref name="onRoot"/> maps a file's path to where it is read.</summary>
    public static UnitEnvironment Read(SystemdUnit unit, Func<string, string>? onRoot = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var env = new UnitEnvironment();
        foreach (var s in unit.List("Service", "Environment"))
        {
            if (!SystemdWords.TrySplit(s.Value, out var words, out var error))
            {
                env._problems.Add(new UnitSyntaxProblem(s.File, s.Line, $"Environment={s.Value}: {error}: systemd ignores the assignment"));
                continue;
            }
            foreach (var w in words)
            {
                var eq = w.IndexOf('=');
                if (eq <= 0 || !IsValidName(w[..eq]))
                {
                    env._problems.Add(new UnitSyntaxProblem(s.File, s.Line, $"Environment= word '{w}' is not NAME=VALUE: systemd ignores it"));
                    continue;
                }
                env._vars[w[..eq]] = new EnvironmentVariable(w[..eq], w[(eq + 1)..], s.Location);
            }
        }
        foreach (var s in unit.List("Service", "EnvironmentFile")) env.ReadFile(s, onRoot ?? (p => p));
        return env;
    }

    private void ReadFile(UnitSetting s, Func<string, string> onRoot)
    {
        var optional = s.Value.StartsWith('-');
        var path = optional ? s.Value[1..].Trim() : s.Value;
        if (!Path.IsPathRooted(path))
        {
            _files.Add(new EnvironmentFileEntry(path, optional, false, "the path is not absolute (systemd requires an absolute path)", s.Location));
            return;
        }
        string text;
        try
        {
            text = UnitFileReader.Read(onRoot(path));
        }
        catch (UnitInputException ex)
        {
            var exists = ex.Problem is not UnitInputProblem.NotFound;
            _files.Add(new EnvironmentFileEntry(path, optional, false, exists ? ex.Message : "it does not exist", s.Location));
            return;
        }
        _files.Add(new EnvironmentFileEntry(path, optional, true, null, s.Location));
        var (vars, problems) = EnvironmentFileParser.Parse(text);
        foreach (var (name, value, line) in vars) _vars[name] = new EnvironmentVariable(name, value, $"{path}:{line}");
        foreach (var (line, message) in problems) _problems.Add(new UnitSyntaxProblem(path, line, message));
    }

    /// <summary>The values that must never be printed: those of variables whose names look secret.</summary>
    public IEnumerable<string> SecretValues() =>
        _vars.Values.Where(v => LooksSecret(v.Name) && v.Value.Length > 0).Select(v => v.Value);
}
