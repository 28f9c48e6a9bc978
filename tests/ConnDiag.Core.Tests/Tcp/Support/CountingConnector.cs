using System.Net;
using ConnDiag.Tcp;

namespace ConnDiag.Core.Tests.Tcp.Support;

/// <summary>Wraps the real connector and counts: connects started, in flight now, and the most ever in flight.</summary>
internal sealed class CountingConnector(ITcpConnector inner) : ITcpConnector
{
    private int _inFlight;
    private int _maxInFlight;
    private int _started;

    public int InFlight => Volatile.Read(ref _inFlight);
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);
    public int Started => Volatile.Read(ref _started);

    public async Task<TcpAttempt> ConnectAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
        try
        {
            return await inner.ConnectAsync(endpoint, timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
