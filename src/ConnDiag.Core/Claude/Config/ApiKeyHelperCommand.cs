using ConnDiag.Processes;

namespace ConnDiag.Claude.Config;

/// <summary>
/// Claude Code's <c>apiKeyHelper</c>: a shell command whose output is the key. ConnDiag never runs it; it checks
/// that the program it starts exists and can be executed, because a helper that cannot start surfaces in
/// Claude Code as a bare 401 after silent retries.
/// </summary>
internal static class ApiKeyHelperCommand
{
    /// <summary>The first word of the command, quotes removed; null for an empty command.</summary>
    public static string? Program(string command)
    {
        var text = command.TrimStart();
        if (text.Length == 0) return null;
        if (text[0] is '"' or '\'')
        {
            var end = text.IndexOf(text[0], 1);
            return end > 1 ? text[1..end] : text[1..];
        }
        var space = text.IndexOfAny([' ', '\t']);
        return space < 0 ? text : text[..space];
    }

    /// <summary>Why the program cannot be started, or null when it can (or the check cannot tell on this platform).</summary>
    /// <param name="program">The first word of the command.</param>
    /// <param name="environment">The environment Claude Code runs with (HOME and PATH).</param>
    public static string? Problem(string program, Func<string, string?> environment)
    {
        var path = program;
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            if (environment("HOME") is not { Length: > 0 } home) return $"starts {program}, but HOME is not set to expand ~";
            path = Path.Combine(home, path.Length > 2 ? path[2..] : "");
        }
        if (path.Contains('/') || path.Contains('\\'))
        {
            if (!Path.IsPathRooted(path)) return null; // relative to Claude Code's working directory, which is not known here
            return ExecutableFile.Check(path) switch
            {
                ExecutableState.Directory => $"starts {path}, which is a directory",
                ExecutableState.Missing => $"starts {path}, which does not exist",
                ExecutableState.NotExecutable => $"starts {path}, which is not executable (chmod +x)",
                ExecutableState.Unreadable => $"starts {path}, whose permissions cannot be read",
                _ => null,
            };
        }
        // A bare name is found on PATH by the shell; shell builtins such as echo are always there.
        if (program is "echo" or "printf" or "cat" or "eval" or "exec" or "source" or ".") return null;
        var dirs = (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, program);
            if (ExecutableFile.Check(candidate) == ExecutableState.Executable) return null;
        }
        return $"starts {program}, which is not found on PATH ({dirs.Length} directories searched)";
    }
}
