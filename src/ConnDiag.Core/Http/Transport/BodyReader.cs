using System.Buffers;

namespace ConnDiag.Http.Transport;

/// <summary>What reading a body produced.</summary>
/// <param name="BytesRead">Body bytes read, never more than the cap.</param>
/// <param name="Truncated">The body went on past the cap.</param>
/// <param name="Preview">The first bytes, for the textual preview.</param>
/// <param name="Kept">The whole body read (up to the cap) when it was asked for, else null.</param>
/// <param name="Error">The exception that ended the read early, or null.</param>
internal sealed record BodyRead(long BytesRead, bool Truncated, byte[] Preview, byte[]? Kept, Exception? Error);

/// <summary>
/// Reads a response body up to a cap and stops: one byte past the cap proves there was more, and nothing beyond
/// that is requested, so an endless body costs at most the cap plus one read buffer.
/// </summary>
internal static class BodyReader
{
    /// <summary>Size of one read.</summary>
    public const int BufferBytes = 16 * 1024;

    public static async Task<BodyRead> ReadAsync(Stream body, int cap, int previewBytes, bool keepAll, CancellationToken cancellationToken, Action<ReadOnlyMemory<byte>>? onRead = null)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        var preview = new MemoryStream(Math.Min(previewBytes, 4096));
        using var kept = keepAll ? new MemoryStream() : null;
        long total = 0;
        var truncated = false;
        Exception? error = null;
        try
        {
            while (true)
            {
                // Ask for at most one byte more than the cap allows: enough to know the body is longer.
                var want = (int)Math.Min(BufferBytes, cap - total + 1);
                var n = await body.ReadAsync(buffer.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                var usable = (int)Math.Min(n, cap - total);
                if (usable < n) truncated = true;
                if (preview.Length < previewBytes) preview.Write(buffer, 0, (int)Math.Min(usable, previewBytes - preview.Length));
                kept?.Write(buffer, 0, usable);
                onRead?.Invoke(buffer.AsMemory(0, usable));
                total += usable;
                if (truncated) break;
            }
        }
        catch (Exception ex)
        {
            // Reset, premature end, timeout or cancellation: the caller tells them apart with its own state.
            error = ex;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new BodyRead(total, truncated, preview.ToArray(), kept?.ToArray(), error);
    }
}
