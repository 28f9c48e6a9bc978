using ConnDiag.Model;

namespace ConnDiag.Cli.Output;

/// <summary>Findings under a table row: the code and summary, then the remedy on its own line.</summary>
internal static class FindingText
{
    public static void Write(TextWriter output, IEnumerable<Finding> findings)
    {
        foreach (var f in findings)
        {
            output.WriteLine($"  {f.Code} {OneLine(f.Summary)}");
            output.WriteLine($"    → {OneLine(f.Remedy)}");
        }
    }

    /// <summary>Keeps one finding on its lines whatever a peer or a file put into the text.</summary>
    public static string OneLine(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        return string.Create(text.Length, text, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = char.IsControl(s[i]) ? ' ' : s[i];
        });
    }
}
