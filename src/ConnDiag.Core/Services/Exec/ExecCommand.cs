using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Services.Exec;

/// <summary>
/// One ExecStart=-style command as systemd will run it (systemd.service(5) "Command lines"): the special
/// prefixes, the program (the first word, never expanded), and the arguments after specifier and
/// <c>$VAR</c>/<c>${VAR}</c> expansion.
/// </summary>
/// <param name="Directive">ExecStartPre, ExecStart or ExecStartPost.</param>
/// <param name="Program">The executable as written (absolute path or a bare name systemd looks up).</param>
/// <param name="Arguments">argv[1..] after expansion (argv[0] is the program, or the word after it with <c>@</c>).</param>
/// <param name="IgnoreFailure"><c>-</c>: a failure, including a missing executable, is recorded and ignored.</param>
/// <param name="ArgvZero"><c>@</c>: the second word is argv[0].</param>
/// <param name="NoExpansion"><c>:</c>: no environment variable substitution.</param>
/// <param name="Privileged"><c>+</c>, <c>!</c> or <c>!!</c>: runs with more privileges than the unit's User=.</param>
/// <param name="Setting">The assignment it came from.</param>
public sealed record ExecCommand(
    string Directive,
    string Program,
    IReadOnlyList<string> Arguments,
    bool IgnoreFailure,
    bool ArgvZero,
    bool NoExpansion,
    bool Privileged,
    UnitSetting Setting)
{
    /// <summary>The command as it would run, words joined with spaces.</summary>
    public string CommandLine => string.Join(' ', new[] { Program }.Concat(Arguments));
}
