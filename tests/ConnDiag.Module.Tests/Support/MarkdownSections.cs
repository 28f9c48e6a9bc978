namespace ConnDiag.Module.Tests.Support;

/// <summary>A heading and the lines under it up to the next heading of the same or a higher level.</summary>
internal sealed record MarkdownSection(int Level, string Title, int Line, IReadOnlyList<string> Body, IReadOnlyList<MarkdownSection> Children)
{
    public string Text => string.Join('\n', Body).Trim();

    public MarkdownSection? Child(string title) => Children.FirstOrDefault(c => c.Title == title);

    /// <summary>Fenced code blocks directly in this section's body, with their info string (e.g. "powershell", "yaml").</summary>
    public IReadOnlyList<(string Info, string Code)> CodeBlocks()
    {
        var blocks = new List<(string, string)>();
        string? info = null;
        var code = new List<string>();
        foreach (var line in Body)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (info is null) { info = line[3..].Trim(); code.Clear(); }
                else { blocks.Add((info, string.Join('\n', code))); info = null; }
                continue;
            }
            if (info is not null) code.Add(line);
        }
        if (info is not null) throw new FormatException($"Unclosed ``` block in section '{Title}' (line {Line}).");
        return blocks;
    }
}

/// <summary>
/// Splits a markdown file into YAML front matter and a tree of ATX headings (#, ##, ###), ignoring
/// '#' lines inside fenced code blocks (PowerShell comments).
/// </summary>
internal sealed class MarkdownDocument
{
    private MarkdownDocument(IReadOnlyDictionary<string, string> frontMatter, IReadOnlyList<MarkdownSection> sections)
    {
        FrontMatter = frontMatter;
        Sections = sections;
    }

    public IReadOnlyDictionary<string, string> FrontMatter { get; }

    /// <summary>Top-level sections (usually the one '# Title').</summary>
    public IReadOnlyList<MarkdownSection> Sections { get; }

    public static MarkdownDocument Load(string path) => Parse(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal));

    public static MarkdownDocument Parse(string text)
    {
        var lines = text.Split('\n');
        var front = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = 0;
        if (lines.Length > 0 && lines[0] == "---")
        {
            var end = Array.IndexOf(lines, "---", 1);
            if (end < 0) throw new FormatException("Front matter opened with '---' is never closed.");
            for (var i = 1; i < end; i++)
            {
                if (lines[i].Trim().Length == 0) continue;
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0) throw new FormatException($"Front matter line {i + 1} is not 'key: value': {lines[i]}");
                var key = lines[i][..colon].Trim();
                if (!front.TryAdd(key, lines[i][(colon + 1)..].Trim())) throw new FormatException($"Front matter key '{key}' appears twice.");
            }
            start = end + 1;
        }

        // Flat list of headings with their line ranges, then nested by level.
        var flat = new List<(int Level, string Title, int Line, List<string> Body)>();
        var preamble = new List<string>();
        var inFence = false;
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            var level = inFence ? 0 : line.TakeWhile(c => c == '#').Count();
            if (level is >= 1 and <= 6 && line.Length > level && line[level] == ' ')
            {
                flat.Add((level, line[(level + 1)..].Trim(), i + 1, []));
                continue;
            }
            (flat.Count == 0 ? preamble : flat[^1].Body).Add(line);
        }
        if (inFence) throw new FormatException("A ``` code block is never closed.");

        var index = 0;
        return new MarkdownDocument(front, Nest(flat, ref index, 0));
    }

    private static List<MarkdownSection> Nest(List<(int Level, string Title, int Line, List<string> Body)> flat, ref int index, int parentLevel)
    {
        var result = new List<MarkdownSection>();
        while (index < flat.Count && flat[index].Level > parentLevel)
        {
            var (level, title, line, body) = flat[index++];
            var children = Nest(flat, ref index, level);
            result.Add(new MarkdownSection(level, title, line, body, children));
        }
        return result;
    }
}
