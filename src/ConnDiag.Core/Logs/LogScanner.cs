using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;

namespace ConnDiag.Logs;

/// <summary>
/// Scans log files and streams for connection-failure messages, one line at a time in constant memory
/// (a line is capped at <see cref="LogScanOptions.MaxLineChars"/>; with Tail, only the findings of the last N lines are held).
/// Gzip-compressed files (rotated <c>.gz</c> logs) are decompressed on the fly.
/// </summary>
public static class LogScanner
{
    /// <summary>Scans one file (plain or gzip, detected by its first bytes).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async IAsyncEnumerable<LogFinding> ScanFileAsync(
        string path, LogScanOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path)) throw new ArgumentException($"'{path}' is a directory; give log files (wildcards such as '{Path.Combine(path, "*.log")}' work).", nameof(path));
        if (!File.Exists(path)) throw new FileNotFoundException($"Log file '{path}' does not exist.", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            Stream stream = await IsGzipAsync(file, cancellationToken).ConfigureAwait(false)
                ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true)
                : file;
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 16384, leaveOpen: true);
                await foreach (var f in ScanReaderAsync(reader, path, options, cancellationToken).ConfigureAwait(false)) yield return f;
            }
        }
    }

    /// <summary>Scans each file in turn (call <see cref="LogPaths.Expand"/> first to resolve wildcards).</summary>
    public static async IAsyncEnumerable<LogFinding> ScanFilesAsync(
        IEnumerable<string> paths, LogScanOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var path in paths)
        {
            await foreach (var f in ScanFileAsync(path, options, cancellationToken).ConfigureAwait(false)) yield return f;
        }
    }

    /// <summary>Scans text from a reader (stdin, a decompressed stream); <paramref name="source"/> names it in the findings.</summary>
    public static async IAsyncEnumerable<LogFinding> ScanReaderAsync(
        TextReader reader, string source, LogScanOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var scanner = new LogSourceScanner(source, options);
        var lines = new BoundedLineReader(reader, (options ?? new LogScanOptions()).MaxLineChars);
        while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            foreach (var f in scanner.Add(line)) yield return f;
        }
        foreach (var f in scanner.Complete()) yield return f;
    }

    private static async Task<bool> IsGzipAsync(FileStream file, CancellationToken cancellationToken)
    {
        var magic = new byte[2];
        var n = 0;
        while (n < 2)
        {
            var read = await file.ReadAsync(magic.AsMemory(n), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            n += read;
        }
        file.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
