using ConnDiag.Reports;

namespace ConnDiag.Core.Tests.Reports;

/// <summary>Writing the document: whole or not at all, and never over an existing file unless asked.</summary>
public sealed class ReportFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-report-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Writes_the_content_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir, "r.html");

        var file = ReportDocument.WriteFile(path, "<!DOCTYPE html>é", overwrite: false);

        Assert.Equal(path, file.FullName);
        Assert.Equal("<!DOCTYPE html>é", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void An_existing_file_is_refused_and_unchanged_without_overwrite()
    {
        var path = Path.Combine(_dir, "r.html");
        File.WriteAllText(path, "keep");

        var ex = Assert.Throws<ReportFileExistsException>(() => ReportDocument.WriteFile(path, "new", overwrite: false));

        Assert.Equal(path, ex.Path);
        Assert.Equal("keep", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
        ReportDocument.WriteFile(path, "new", overwrite: true);
        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void A_missing_directory_or_a_directory_path_is_refused()
    {
        Assert.Throws<DirectoryNotFoundException>(() => ReportDocument.WriteFile(Path.Combine(_dir, "no", "r.html"), "x", overwrite: true));
        var ex = Assert.Throws<IOException>(() => ReportDocument.WriteFile(_dir, "x", overwrite: true));
        Assert.Contains("is a directory", ex.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_failed_move_leaves_neither_a_partial_file_nor_the_temporary_one()
    {
        // A directory where the file should go makes the final move fail after the temporary file was written.
        var path = Path.Combine(_dir, "r.html");
        var blocker = Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        var target = Path.Combine(blocker.FullName, "r.html");
        Directory.CreateDirectory(target);

        Assert.ThrowsAny<IOException>(() => ReportDocument.WriteFile(target, "x", overwrite: true));

        Assert.Empty(Directory.GetFiles(blocker.FullName));
        Assert.False(File.Exists(path));
    }
}
