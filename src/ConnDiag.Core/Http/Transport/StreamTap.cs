using System.Net.Sockets;

namespace ConnDiag.Http.Transport;

/// <summary>
/// What one side of a connection saw: byte counts, the first bytes the peer sent (to tell TLS from plain
/// HTTP), whether the peer closed or reset. Written by <see cref="ObservedStream"/>, read after the exchange.
/// </summary>
internal sealed class StreamTap
{
    /// <summary>How many of the peer's first bytes are kept: enough for a status line or a TLS record header.</summary>
    public const int FirstBytesKept = 64;

    private readonly byte[] _first = new byte[FirstBytesKept];
    private int _firstCount;
    private long _read;
    private long _written;
    private volatile bool _eof;
    private volatile Exception? _readError;

    public long BytesRead => Interlocked.Read(ref _read);
    public long BytesWritten => Interlocked.Read(ref _written);

    /// <summary>The peer closed its side (a read returned 0).</summary>
    public bool Eof => _eof;

    /// <summary>The exception a read failed with, if any.</summary>
    public Exception? ReadError => _readError;

    /// <summary>True when a read failed because the peer reset the connection (RST).</summary>
    public bool WasReset => IsReset(_readError);

    public ReadOnlySpan<byte> FirstBytes => _first.AsSpan(0, Volatile.Read(ref _firstCount));

    public void OnRead(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            _eof = true;
            return;
        }
        // Reads never run concurrently with each other on one stream, so the copy needs no lock.
        var count = _firstCount;
        if (count < FirstBytesKept)
        {
            var n = Math.Min(FirstBytesKept - count, data.Length);
            data[..n].CopyTo(_first.AsSpan(count));
            Volatile.Write(ref _firstCount, count + n);
        }
        Interlocked.Add(ref _read, data.Length);
    }

    public void OnWrite(int count) => Interlocked.Add(ref _written, count);

    public void OnReadError(Exception error) => _readError ??= error;

    public static bool IsReset(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted }) return true;
        }
        return false;
    }
}
