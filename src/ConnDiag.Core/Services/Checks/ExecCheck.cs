using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Processes;
using ConnDiag.Services.Exec;

namespace ConnDiag.Services.Checks;

/// <summary>One Exec line as checked: the command (secrets masked), where the program was found, or why not.</summary>
/// <param name="Directive">ExecStartPre, ExecStart or ExecStartPost.</param>
/// <param name="CommandLine">The command after expansion, secrets masked.</param>
/// <param name="Program">The program as written.</param>
/// <param name="ResolvedPath">The executable it resolves to, or null.</param>
/// <param name="Problem">Why it cannot run, or null when it can.</param>
/// <param name="IgnoreFailure">True for a '-' prefix: systemd skips a missing program.</param>
/// <param name="Source"><c>FILE:LINE</c> of the assignment.</param>
public sealed record ExecLine(string Directive, string CommandLine, string Program, string? ResolvedPath, string? Problem, bool IgnoreFailure, string Source);

/// <summary>ExecStartPre=/ExecStart=/ExecStartPost=: the count systemd allows, the syntax, and each program on disk.</summary>
internal static class ExecCheck
{
    private static readonly string[] Directives = ["ExecStartPre", "ExecStart", "ExecStartPost"];

    public static (IReadOnlyList<ExecCommand> Commands, IReadOnlyList<ExecLine> Lines, IReadOnlyList<Finding> Findings) Run(UnitCheckContext c)
    {
        var findings = new List<Finding>();
        var lines = new List<ExecLine>();
        var commands = new List<ExecCommand>();
        var starts = c.Unit.List("Service", "ExecStart");
        if (starts.Count == 0 && c.Unit.List("Service", "ExecStop").Count == 0)
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ServiceUnitInvalid,
                $"{c.Unit.Name} has no ExecStart=: systemd refuses to start it (\"Service has no ExecStart=... Refusing\").",
                ExecStartHistory(c)));
        }
        else if (starts.Count > 1 && c.ServiceType != "oneshot")
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ServiceUnitInvalid,
                $"{c.Unit.Name} has {starts.Count} ExecStart= lines but Type={c.ServiceType}: only Type=oneshot may have more than one, so systemd refuses to load it.",
                ExecStartHistory(c),
                $"In the drop-in that sets ExecStart= ({starts[^1].Location}), put an empty ExecStart= line before it so it replaces the unit file's command instead of adding to it; then systemctl daemon-reload."));
        }

        foreach (var directive in Directives)
        {
            foreach (var s in c.Unit.List("Service", directive))
            {
                var command = ExecLineParser.Parse(s, c.Unit.Name, c.Environment.Variables, out var error);
                if (command is null)
                {
                    findings.Add(FindingCatalog.Create(FindingCodes.ServiceUnitSyntax,
                        $"{s.Location}: {directive}= cannot be parsed: {error}.", c.Mask($"{directive}={s.Value}")));
                    continue;
                }
                commands.Add(command);
                var (resolved, problem) = Resolve(command.Program, c.Options);
                lines.Add(new ExecLine(directive, c.Mask(command.CommandLine), command.Program, resolved, problem, command.IgnoreFailure, s.Location));
                if (problem is null || command.IgnoreFailure) continue;
                findings.Add(FindingCatalog.Create(FindingCodes.ServiceExecMissing,
                    $"{s.Location}: {directive}= runs {command.Program}, which {problem}.",
                    c.Mask($"{directive}={s.Value}") + (resolved is null ? "" : $" (resolved to {resolved})")));
            }
        }
        return (commands, lines, findings);
    }

    /// <summary>The program's path on disk and null, or null and what is wrong with it.</summary>
    internal static (string? Path, string? Problem) Resolve(string program, SystemdUnitOptions options)
    {
        if (program.Contains('$', StringComparison.Ordinal)) return (null, "is a variable: systemd does not expand variables in the program path");
        if (!program.StartsWith('/'))
        {
            if (program.Contains('/', StringComparison.Ordinal)) return (null, "is a relative path: systemd needs an absolute path or a bare name");
            foreach (var dir in options.ExecSearchPath)
            {
                var candidate = Path.Combine(dir, program);
                if (File.Exists(options.OnRoot(candidate))) return Executable(candidate, options);
            }
            return (null, $"is not found in systemd's search path ({string.Join(':', options.ExecSearchPath)})");
        }
        if (Directory.Exists(options.OnRoot(program))) return (program, "is a directory");
        if (!File.Exists(options.OnRoot(program))) return (null, "does not exist");
        return Executable(program, options);
    }

    private static (string? Path, string? Problem) Executable(string path, SystemdUnitOptions options) =>
        ExecutableFile.Check(options.OnRoot(path)) switch
        {
            ExecutableState.NotExecutable => (path, "is not executable (no x permission bit)"),
            ExecutableState.Unreadable => (path, "cannot be inspected: its permissions cannot be read"),
            _ => (path, null),
        };

    private static string ExecStartHistory(UnitCheckContext c)
    {
        var all = c.Unit.Settings.Where(s => s.Section == "Service" && s.Key == "ExecStart").ToList();
        return all.Count == 0
            ? $"No ExecStart= in {string.Join(", ", c.Unit.Files)}."
            : "ExecStart= assignments in order: " + string.Join("; ", all.Select(s => $"{s.Location}: " + (s.Value.Length == 0 ? "(empty: resets the list)" : c.Mask(s.Value))));
    }
}
