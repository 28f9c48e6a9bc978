using System.Text.Json;

namespace ConnDiag.Reports;

/// <summary>
/// The one path both front ends take: JSON reports in (the cmdlet converts its objects with ConnDiagJson.ToElement,
/// the CLI parses stdin or a file), one document out, and a file written so that a failure never leaves half of it.
/// </summary>
public static class ReportDocument
{
    /// <summary>The document for <paramref name="reports"/> in <paramref name="format"/>.</summary>
    /// <exception cref="ReportInputException">An input is not a report of a known shape.</exception>
    public static string Render(IEnumerable<JsonElement> reports, ReportFormat format)
    {
        var views = ReportReader.Read(reports);
        return format switch
        {
            ReportFormat.Html => HtmlReportWriter.Render(views),
            ReportFormat.Markdown => MarkdownReportWriter.Render(views),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown report format"),
        };
    }

    /// <summary>
    /// Parses JSON text that should hold reports (what <c>--json</c> wrote). Bad JSON is refused with
    /// <c>SOURCE:LINE:COLUMN</c> (counted from 1), so the user can find the spot.
    /// </summary>
    /// <exception cref="ReportInputException">The text is not JSON.</exception>
    public static JsonElement ParseJson(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().Trim().IsEmpty)
        {
            throw new ReportInputException($"{source}: the input is empty; give the output of 'conndiag endpoint|claude|tls --json'");
        }
        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            return json.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new ReportInputException($"{source}:{line}:{column}: not valid JSON: {WithoutPosition(ex.Message)} (give the output of 'conndiag endpoint|claude|tls --json')");
        }
    }

    /// <summary>System.Text.Json appends "Path: $ | LineNumber: 0 | BytePositionInLine: 3." — the position is already in front, counted from 1.</summary>
    private static string WithoutPosition(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
        }
        return message.Trim();
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file in the same directory, then
    /// moves it into place: readers see the old file or the whole new one, never a part. Without
    /// <paramref name="overwrite"/> an existing file is left alone (<see cref="IOException"/>).
    /// </summary>
    public static FileInfo WriteFile(string path, string content, bool overwrite)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? throw new IOException($"'{full}' has no directory");
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"the directory '{dir}' does not exist");
        if (Directory.Exists(full)) throw new IOException($"'{full}' is a directory");
        if (!overwrite && File.Exists(full)) throw new ReportFileExistsException(full);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, content, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            // Without overwrite, Move fails if the file appeared meanwhile: the check above is not the only guard.
            File.Move(temp, full, overwrite);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return new FileInfo(full);
    }
}

/// <summary>The output file exists and overwriting was not asked for (-Force / --force).</summary>
public sealed class ReportFileExistsException : IOException
{
    public ReportFileExistsException(string path) : base($"the file '{path}' already exists")
    {
        Path = path;
    }

    /// <summary>The file that exists.</summary>
    public string Path { get; }
}
