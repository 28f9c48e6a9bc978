namespace ConnDiag.Tls;

/// <summary>
/// Passes everything through and keeps the first bytes the peer sent, so a failed handshake can say what
/// the peer answered instead of TLS (an HTTP status line, an SSH banner) or which alert it sent.
/// </summary>
internal sealed class RecordingStream : Stream
{
    public const int Capacity = 64;
    private readonly Stream _inner;
    private readonly byte[] _first = new byte[Capacity];
    private int _recorded;

    public RecordingStream(Stream inner) => _inner = inner;

    /// <summary>The first bytes read (at most <see cref="Capacity"/>).</summary>
    public ReadOnlySpan<byte> FirstBytes => _first.AsSpan(0, _recorded);

    /// <summary>Total bytes read from the peer.</summary>
    public long BytesRead { get; private set; }

    /// <summary>True once a read returned 0: the peer closed its side.</summary>
    public bool SawEndOfStream { get; private set; }

    private int Record(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0) SawEndOfStream = true;
        var room = Capacity - _recorded;
        if (room > 0)
        {
            var n = Math.Min(room, data.Length);
            data[..n].CopyTo(_first.AsSpan(_recorded));
            _recorded += n;
        }
        BytesRead += data.Length;
        return data.Length;
    }

    public override int Read(byte[] buffer, int offset, int count) => Record(buffer.AsSpan(offset, _inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(buffer);
        return Record(buffer[..n]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Record(buffer.Span[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _inner.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override bool CanRead => _inner.CanRead;
    public override bool CanWrite => _inner.CanWrite;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
