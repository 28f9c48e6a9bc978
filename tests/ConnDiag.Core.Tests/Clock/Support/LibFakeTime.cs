using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Core.Tests.Clock.Support;

/// <summary>
/// libfaketime for child servers. It is preloaded directly (LD_PRELOAD + FAKETIME) rather than through the
/// `faketime` wrapper, because the wrapper forks: killing its PID would leave the real server running
/// (research/feasibility.md §2). Preloaded, the PID we stop is the server's own.
/// </summary>
internal static class LibFakeTime
{
    private static readonly Lazy<string?> Found = new(Find);

    public static string Path => Found.Value
        ?? throw new InvalidOperationException("libfaketime.so.1 not found (apt-get install faketime libfaketime)");

    /// <summary>The environment that shifts a child's clock by <paramref name="offset"/> (e.g. +3600 s).</summary>
    public static IReadOnlyDictionary<string, string> Environment(TimeSpan offset) => new Dictionary<string, string>
    {
        ["LD_PRELOAD"] = Path,
        ["FAKETIME"] = (offset >= TimeSpan.Zero ? "+" : "-") + ((long)Math.Abs(offset.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "s",
    };

    private static string? Find()
    {
        foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib" })
        {
            var candidate = System.IO.Path.Combine(dir, "faketime", "libfaketime.so.1");
            if (File.Exists(candidate)) return candidate;
        }
        // Other multiarch layouts: ask the package manager where the package put it.
        var listed = ProcessRunner.TryRun("dpkg", "-L", "libfaketime");
        return listed?.StdOut.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.EndsWith("/libfaketime.so.1", StringComparison.Ordinal) && File.Exists(l));
    }
}
