namespace ConnDiag.Reports;

/// <summary>The document kinds a report can be written as.</summary>
public enum ReportFormat
{
    /// <summary>One self-contained HTML file: inline CSS and SVG, no script, nothing loaded from anywhere.</summary>
    Html,

    /// <summary>GitHub-flavoured Markdown, for tickets.</summary>
    Markdown,
}

/// <summary>Picks the format from a file name, as the cmdlet and the CLI do when none is given.</summary>
public static class ReportFormats
{
    /// <summary>.html/.htm → Html, .md/.markdown → Markdown; anything else → null.</summary>
    public static ReportFormat? FromExtension(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".html" or ".htm" => ReportFormat.Html,
            ".md" or ".markdown" => ReportFormat.Markdown,
            _ => null,
        };
    }

    /// <summary>The sentence both front ends use when the extension decides nothing.</summary>
    public static string UnknownExtension(string path) =>
        $"cannot tell the report format from the file name '{Path.GetFileName(path)}': use a .html, .htm, .md or .markdown extension, or name the format";
}

/// <summary>
/// The input is not a report the writers know (wrong shape, bad JSON). The message names what was expected,
/// so the front ends show it as it is.
/// </summary>
public sealed class ReportInputException : Exception
{
    public ReportInputException(string message) : base(message) { }
}
