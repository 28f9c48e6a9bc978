using System.Text;

namespace ConnDiag.Services.UnitFiles;

/// <summary>Reads unit, drop-in and environment files with a size cap; binary content is refused, not parsed.</summary>
internal static class UnitFileReader
{
    /// <summary>Unit files are a few KiB; systemd itself refuses lines over 1 MiB. Anything above this is not a unit.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>The text of <paramref name="path"/>; throws <see cref="UnitInputException"/> saying what is wrong.</summary>
    public static string Read(string path)
    {
        if (Directory.Exists(path)) throw new UnitInputException(path, UnitInputProblem.IsDirectory, $"{path} is a directory, not a unit file");
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096);
            // Sized to the file (plus one byte to notice growth past the cap), not to the cap.
            var buffer = new byte[(int)Math.Min(MaxBytes + 1L, stream.CanSeek ? stream.Length + 1 : MaxBytes + 1L)];
            var total = 0;
            int n;
            while (total <= MaxBytes && (n = stream.Read(buffer, total, buffer.Length - total)) > 0) total += n;
            if (total > MaxBytes)
            {
                throw new UnitInputException(path, UnitInputProblem.TooLarge, $"{path} is larger than {MaxBytes / (1024 * 1024)} MiB: not a unit file");
            }
            bytes = buffer[..total];
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UnitInputException(path, UnitInputProblem.NotFound, $"{path} does not exist");
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new UnitInputException(path, UnitInputProblem.Unreadable, $"{path} cannot be read: {ex.Message}");
        }
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            var line = 1 + bytes.AsSpan(0, nul).Count((byte)'\n');
            throw new UnitInputException(path, UnitInputProblem.Binary, $"{path}:{line}: contains a NUL byte: this is a binary file, not a unit file");
        }
        var chars = new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done)
        {
            var line = 1 + bytes.AsSpan(0, read).Count((byte)'\n');
            throw new UnitInputException(path, UnitInputProblem.Binary, $"{path}:{line}: is not UTF-8 text (systemd reads unit files as UTF-8)");
        }
        var text = new string(chars, 0, written);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }
}
