namespace ConnDiag.Services;

/// <summary>Where Test-SystemdUnit looks and what it checks.</summary>
public sealed record SystemdUnitOptions
{
    /// <summary>The directory the unit search path is under: <c>/</c> on a live system, another tree for an image or a test.</summary>
    public string Root { get; init; } = "/";

    /// <summary>The passwd file User= is looked up in.</summary>
    public string PasswdPath { get; init; } = "/etc/passwd";

    /// <summary>The directories a bare program name in ExecStart= is looked up in (systemd's fixed search path).</summary>
    public IReadOnlyList<string> ExecSearchPath { get; init; } =
        ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>Below this LimitNOFILE= soft limit SERVICE.NOFILE_LOW is reported.</summary>
    public int MinOpenFiles { get; init; } = 4096;
}
