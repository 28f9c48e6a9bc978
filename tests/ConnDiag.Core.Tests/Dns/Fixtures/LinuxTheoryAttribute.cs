using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Core.Tests.Dns.Fixtures;

/// <summary>The theory form of <see cref="LinuxFactAttribute"/>: skips outside CI when a command is missing, fails under CI=true.</summary>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute(params string[] commands)
    {
        if (TestEnvironment.IsCi) return;
        if (!OperatingSystem.IsLinux()) Skip = "Linux only";
        else if (commands.FirstOrDefault(c => !TestEnvironment.HasCommand(c)) is { } missing)
            Skip = $"needs '{missing}' on PATH (apt-get install the package .ci/run installs)";
    }
}
