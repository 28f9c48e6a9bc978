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
