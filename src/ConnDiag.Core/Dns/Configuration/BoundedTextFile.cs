using System.Text;

namespace ConnDiag.Dns.Configuration;

/// <summary>A configuration file read with a size cap; a missing or unreadable file is a state, not an exception.</summary>
internal sealed record BoundedText(string? Text, bool Exists, bool Truncated, string? Error);

internal static class BoundedTextFile
{
    /// <summary>resolv.conf and nsswitch.conf are a few hundred bytes; anything near this is not a real one.</summary>
    public const int SmallFileLimit = 1024 * 1024;

    /// <summary>Ad-blocking hosts files reach a few MiB; a cap keeps a hostile file from exhausting memory.</summary>
    public const int HostsFileLimit = 32 * 1024 * 1024;

    public static async Task<BoundedText> ReadAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, useAsync: true);
            var buffer = new byte[Math.Min(maxBytes + 1, 64 * 1024)];
            using var collected = new MemoryStream();
            while (collected.Length <= maxBytes)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, maxBytes + 1 - collected.Length)), cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                collected.Write(buffer, 0, n);
            }
            var truncated = collected.Length > maxBytes;
            var bytes = collected.GetBuffer().AsSpan(0, (int)Math.Min(collected.Length, maxBytes));
            // Lenient decoding: a stray byte in a comment must not hide the rest of the file.
            return new BoundedText(Encoding.UTF8.GetString(bytes), true, truncated, null);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new BoundedText(null, false, false, null);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return new BoundedText(null, true, false, ex.Message);
        }
    }

    /// <summary>Where a symlink points (as written), or null for a regular file or when it cannot be read.</summary>
    public static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
