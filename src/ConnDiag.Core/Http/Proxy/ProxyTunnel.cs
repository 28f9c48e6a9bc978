namespace ConnDiag.Http.Proxy;

/// <summary>
/// An open way through a proxy plus the evidence of how it was opened. When <see cref="ProxyProbeResult.TunnelOpen"/>
/// is true, <see cref="Stream"/> is the tunnel (https targets: TLS to the target goes over it) or the connection to
/// the proxy (http targets: absolute-form requests go over it). Dispose closes it unless <see cref="DetachStream"/>
/// handed it over.
/// </summary>
public sealed class ProxyTunnel : IAsyncDisposable, IDisposable
{
    private Stream? _stream;

    internal ProxyTunnel(ProxyProbeResult result, Stream? stream)
    {
        Result = result;
        _stream = stream;
    }

    /// <summary>What happened.</summary>
    public ProxyProbeResult Result { get; }

    /// <summary>The open stream, or null when nothing is open (or it was detached).</summary>
    public Stream? Stream => _stream;

    /// <summary>Hands the stream to the caller, who then owns it (e.g. a SocketsHttpHandler ConnectCallback).</summary>
    public Stream DetachStream()
    {
        var s = _stream ?? throw new InvalidOperationException($"No open tunnel to hand over: {Result.TunnelStatus}.");
        _stream = null;
        return s;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Interlocked.Exchange(ref _stream, null)?.Dispose();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stream, null) is { } s) await s.DisposeAsync().ConfigureAwait(false);
    }
}
