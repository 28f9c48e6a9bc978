namespace ConnDiag.Ports.Linux;

/// <summary>Reads small /proc and /etc files with a size cap; a vanished or unreadable file is null, not an error.</summary>
internal static class ProcFile
{
    public static byte[]? ReadCapped(string path, int maxBytes)
    {
        try
        {
            // bufferSize 0: /proc files are generated per read, so no extra managed buffer is useful.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            var buffer = new byte[maxBytes];
            var total = 0;
            while (total < maxBytes)
            {
                var n = stream.Read(buffer, total, maxBytes - total);
                if (n == 0) break;
                total += n;
            }
            return buffer[..total];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
