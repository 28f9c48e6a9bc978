namespace ConnDiag.Processes;

/// <summary>What a path that should start a program is on disk.</summary>
internal enum ExecutableState
{
    /// <summary>A file with an execute bit (or any file on Windows, which has none).</summary>
    Executable,

    /// <summary>Nothing at the path.</summary>
    Missing,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A file without any execute bit.</summary>
    NotExecutable,

    /// <summary>The file's mode could not be read.</summary>
    Unreadable,
}

/// <summary>
/// Whether a path can be started as a program: the one check behind a systemd unit's ExecStart= and Claude Code's
/// apiKeyHelper, each of which words the answer for its own setting.
/// </summary>
internal static class ExecutableFile
{
    public static ExecutableState Check(string path)
    {
        if (System.IO.Directory.Exists(path)) return ExecutableState.Directory;
        if (!File.Exists(path)) return ExecutableState.Missing;
        if (OperatingSystem.IsWindows()) return ExecutableState.Executable;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        try
        {
            return (File.GetUnixFileMode(path) & anyExecute) == 0 ? ExecutableState.NotExecutable : ExecutableState.Executable;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ExecutableState.Unreadable;
        }
    }
}
