namespace ConnDiag.Core.Tests.Logs;

/// <summary>The captured tool messages in Fixtures/ (read from the source tree, so the files need no build step).</summary>
internal static class LogFixtures
{
    public static string Dir { get; } = FindDir();

    /// <summary>(rule, line) rows of messages.tsv.</summary>
    public static IReadOnlyList<(string Rule, string Line)> Messages { get; } =
        File.ReadAllLines(Path.Combine(Dir, "messages.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (l[..l.IndexOf('\t')], l[(l.IndexOf('\t') + 1)..]))
            .ToList();

    public static IReadOnlyList<string> Negatives { get; } =
        File.ReadAllLines(Path.Combine(Dir, "negatives.txt")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    private static string FindDir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "tests", "ConnDiag.Core.Tests", "Logs", "Fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/ConnDiag.Core.Tests/Logs/Fixtures not found above " + AppContext.BaseDirectory);
    }
}
