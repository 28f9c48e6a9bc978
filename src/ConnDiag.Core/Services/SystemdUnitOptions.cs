namespace ConnDiag.Services;

/// <summary>Where Test-SystemdUnit looks and what it checks.</summary>
public sealed record SystemdUnitOptions
{
    /// <summary>
    /// The file system the unit lives in: <c>/</c> on a live system, a mounted image or a copied tree otherwise. The unit
    /// directories, the Exec programs, EnvironmentFile= paths and /etc/passwd are all read under it, as systemd
    /// inside that system would see them.
    /// </summary>
    public string Root { get; init; } = "/";

    /// <summary>An absolute path of the unit's system as a path on this machine (unchanged when <see cref="Root"/> is /).</summary>
    public string OnRoot(string absolute)
    {
        var root = Path.GetFullPath(Root);
        return root == "/" ? absolute : Path.Combine(root, absolute.TrimStart('/'));
    }

    /// <summary>The passwd file User= is looked up in: /etc/passwd under <see cref="Root"/>.</summary>
    public string PasswdPath => OnRoot("/etc/passwd");

    /// <summary>The directories a bare program name in ExecStart= is looked up in (systemd's fixed search path).</summary>
    public IReadOnlyList<string> ExecSearchPath { get; init; } =
        ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>Below this LimitNOFILE= soft limit SERVICE.NOFILE_LOW is reported.</summary>
    public int MinOpenFiles { get; init; } = 4096;
}
