using System.Text;

namespace ConnDiag.Claude.Router;

/// <summary>
/// Reads a router config read-only with a size cap. A real config is a few KiB; anything past the cap, with NUL
/// bytes, or not UTF-8 is not one, and is refused with a specific reason rather than parsed.
/// </summary>
internal static class RouterConfigFile
{
    /// <summary>The largest file read (4 MiB).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new RouterConfigInputException(path, RouterConfigInputProblem.IsDirectory, $"{path} is a directory, not a router config file (expected config.json inside it).");
        }
        byte[] bytes;
        try
        {
            // FileShare.ReadWrite: the router or an editor may hold the file open; we never write it.
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
            using var collected = new MemoryStream();
            var buffer = new byte[64 * 1024];
            while (collected.Length <= MaxBytes)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, MaxBytes + 1 - collected.Length)), cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                collected.Write(buffer, 0, n);
            }
            if (collected.Length > MaxBytes)
            {
                throw new RouterConfigInputException(path, RouterConfigInputProblem.TooLarge,
                    $"{path} is larger than {MaxBytes / (1024 * 1024)} MiB; a router config is a few KiB, so this is not one.");
            }
            bytes = collected.ToArray();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RouterConfigInputException(path, RouterConfigInputProblem.NotFound, $"{path} does not exist.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new RouterConfigInputException(path, RouterConfigInputProblem.Unreadable, $"{path} cannot be read: permission denied.");
        }
        catch (IOException ex)
        {
            throw new RouterConfigInputException(path, RouterConfigInputProblem.Unreadable, $"{path} cannot be read: {ex.Message}");
        }

        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            throw new RouterConfigInputException(path, RouterConfigInputProblem.Binary, $"{path} holds binary data (NUL bytes), not JSON text.");
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new RouterConfigInputException(path, RouterConfigInputProblem.NotUtf8, $"{path} is not UTF-8 text; the router reads its config as UTF-8.");
        }
    }
}
