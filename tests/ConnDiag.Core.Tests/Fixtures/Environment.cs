namespace ConnDiag.Core.Tests.Fixtures;

/// <summary>Facts about the machine the tests run on, and the CI rule: under CI=true nothing may skip.</summary>
internal static class TestEnvironment
{
    public static bool IsCi => string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEuid() == 0;

    public static bool HasCommand(string name) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();
}

/// <summary>
/// A fact that needs Linux, root and the named commands (e.g. "ip", "nft"). Outside CI it skips with the
/// reason; under CI=true it runs anyway, so a missing fixture fails the run instead of hiding.
/// </summary>
public sealed class LinuxRootFactAttribute : FactAttribute
{
    public LinuxRootFactAttribute(params string[] commands)
    {
        if (TestEnvironment.IsCi) return;
        if (!OperatingSystem.IsLinux()) Skip = "needs Linux (network namespaces)";
        else if (!TestEnvironment.IsRoot) Skip = "needs root to create network namespaces; run as root or under CI=true";
        else if (commands.FirstOrDefault(c => !TestEnvironment.HasCommand(c)) is { } missing)
            Skip = $"needs '{missing}' on PATH (apt-get install the package .ci/run installs)";
    }
}

/// <summary>A fact that needs Linux and the named commands; skips outside CI, fails under CI=true when missing.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(params string[] commands)
    {
        if (TestEnvironment.IsCi) return;
        if (!OperatingSystem.IsLinux()) Skip = "Linux only";
        else if (commands.FirstOrDefault(c => !TestEnvironment.HasCommand(c)) is { } missing)
            Skip = $"needs '{missing}' on PATH (apt-get install the package .ci/run installs)";
    }
}
