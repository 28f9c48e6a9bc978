using System.Net;

namespace ConnDiag.Tcp;

/// <summary>Makes one classified connect. The real one is <see cref="TcpConnector"/>; tests may wrap it to count.</summary>
public interface ITcpConnector
{
    /// <summary>Connects, classifies and closes. Throws only <see cref="OperationCanceledException"/> when cancelled.</summary>
    Task<TcpAttempt> ConnectAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken);
}
