using System.Text;

namespace ConnDiag.Services.UnitFiles;

/// <summary>
/// The line syntax of systemd.syntax(7): <c>[Section]</c> headers, <c>Key=Value</c> assignments, <c>#</c> and <c>;</c>
/// comments, and a trailing backslash that joins the next line (replaced by a space; comment lines inside a
/// continuation are skipped, as systemd does). Lines systemd would ignore or refuse become problems with their
/// file and line; parsing continues so the rest of the file is still checked.
/// </summary>
public static class UnitFileParser
{
    /// <summary>systemd's own limit for one (joined) line (LONG_LINE_MAX).</summary>
    public const int MaxLineChars = 1024 * 1024;

    public static (IReadOnlyList<UnitSetting> Settings, IReadOnlyList<UnitSyntaxProblem> Problems) Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = new List<UnitSetting>();
        var problems = new List<UnitSyntaxProblem>();
        string? section = null;
        StringBuilder? continued = null;
        var startLine = 0;
        var lines = text.Split('\n');
        var tooLong = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var stripped = lines[i].TrimEnd('\r').Trim();
            if (continued is not null)
            {
                if (stripped.Length > 0 && stripped[0] is '#' or ';') continue;
            }
            else
            {
                if (stripped.Length == 0 || stripped[0] is '#' or ';') continue;
                startLine = i + 1;
                continued = new StringBuilder();
                tooLong = false;
            }

            // Appended in place (never re-joined per line), so a file of continuation lines stays linear.
            var more = stripped.EndsWith('\\') && i < lines.Length - 1;
            var part = stripped.EndsWith('\\') ? stripped[..^1] : stripped;
            if (!tooLong && continued.Length + part.Length + 1 > MaxLineChars)
            {
                problems.Add(new UnitSyntaxProblem(file, startLine, $"the line is longer than {MaxLineChars} characters (continued with '\\'): systemd refuses it"));
                tooLong = true;
            }
            if (!tooLong) continued.Append(part).Append(more ? " " : "");
            if (more) continue;
            var joined = continued.ToString().TrimEnd();
            continued = null;
            if (!tooLong) Line(joined, file, startLine, ref section, settings, problems);
        }
        return (settings, problems);
    }

    private static void Line(string line, string file, int lineNumber, ref string? section, List<UnitSetting> settings, List<UnitSyntaxProblem> problems)
    {
        if (line.StartsWith('['))
        {
            if (!line.EndsWith(']') || line.Length < 3 || line[1..^1].IndexOfAny(['[', ']']) >= 0)
            {
                problems.Add(new UnitSyntaxProblem(file, lineNumber, $"invalid section header '{Short(line)}': systemd refuses to load the unit"));
                section = null;
                return;
            }
            section = line[1..^1];
            return;
        }
        var eq = line.IndexOf('=');
        if (eq < 0)
        {
            problems.Add(new UnitSyntaxProblem(file, lineNumber, $"'{Short(line)}' has no '=': systemd ignores the line"));
            return;
        }
        var key = line[..eq].Trim();
        if (key.Length == 0)
        {
            problems.Add(new UnitSyntaxProblem(file, lineNumber, $"'{Short(line)}' has no key before '=': systemd ignores the line"));
            return;
        }
        if (section is null)
        {
            problems.Add(new UnitSyntaxProblem(file, lineNumber, $"'{Short(line)}' is outside any [Section]: systemd ignores the line"));
            return;
        }
        settings.Add(new UnitSetting(section, key, line[(eq + 1)..].Trim(), file, lineNumber));
    }

    private static string Short(string line) => line.Length <= 80 ? line : line[..77] + "...";
}
