using System.Text;

namespace ConnDiag.Services.Exec;

/// <summary>
/// The format of an EnvironmentFile= (systemd.exec(5)): <c>KEY=VALUE</c> lines, <c>#</c>/<c>;</c> comment lines,
/// a trailing backslash joining lines, values in double quotes (backslash escapes), single quotes (literal) or
/// unquoted (whitespace around trimmed).
/// </summary>
public static class EnvironmentFileParser
{
    /// <summary>Most variables taken from one file.</summary>
    public const int MaxVariables = 4096;

    /// <summary>Each variable with its 1-based line; lines that are not assignments are returned as problems.</summary>
    public static (IReadOnlyList<(string Name, string Value, int Line)> Variables, IReadOnlyList<(int Line, string Message)> Problems) Parse(string text)
    {
        var vars = new List<(string, string, int)>();
        var problems = new List<(int, string)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length && vars.Count < MaxVariables; i++)
        {
            var start = i + 1;
            var first = lines[i].TrimEnd('\r');
            var builder = new StringBuilder(first);
            // Joined in place, and no further than the systemd line limit, so a hostile file stays linear.
            while (EndsWithContinuation(builder) && i + 1 < lines.Length && builder.Length <= UnitFiles.UnitFileParser.MaxLineChars)
            {
                builder.Length--;
                builder.Append(lines[++i].TrimEnd('\r'));
            }
            var line = builder.ToString();
            var t = line.Trim();
            if (t.Length == 0 || t[0] is '#' or ';') continue;
            var eq = t.IndexOf('=');
            if (eq <= 0 || !UnitEnvironment.IsValidName(t[..eq].Trim()))
            {
                problems.Add((start, $"'{(t.Length > 60 ? t[..57] + "..." : t)}' is not NAME=VALUE: systemd ignores it"));
                continue;
            }
            vars.Add((t[..eq].Trim(), Value(t[(eq + 1)..].Trim()), start));
        }
        return (vars, problems);
    }

    private static bool EndsWithContinuation(StringBuilder b) =>
        b.Length > 0 && b[^1] == '\\' && (b.Length < 2 || b[^2] != '\\');

    private static string Value(string raw)
    {
        if (raw.Length >= 2 && raw[0] == '\'' && raw[^1] == '\'') return raw[1..^1];
        var sb = new StringBuilder();
        var quoted = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"';
        var body = quoted ? raw[1..^1] : raw;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 1 < body.Length && (!quoted || body[i + 1] is '"' or '\\' or '`' or '$'))
            {
                sb.Append(body[++i]);
                continue;
            }
            sb.Append(body[i]);
        }
        return sb.ToString();
    }
}
