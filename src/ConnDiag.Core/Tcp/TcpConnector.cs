using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Tcp;

/// <summary>A real connect over a fresh socket, classified and closed.</summary>
/// <remarks>
/// The connect goes through <see cref="SocketAsyncEventArgs"/>, which reports a refusal as an error code.
/// The Task-based <c>Socket.ConnectAsync</c> throws a SocketException per refused port instead, and in a
/// 10,000-port sweep those exceptions cost more CPU than the connects themselves.
/// </remarks>
public sealed class TcpConnector : ITcpConnector
{
    public static TcpConnector Instance { get; } = new();

    public async Task<TcpAttempt> ConnectAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Socket created;
        try
        {
            created = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException ex)
        {
            // Out of descriptors (EMFILE, a sweep with a throttle above `ulimit -n`) or no IPv6 on this host:
            // a result for this address, not an exception that ends the sweep.
            return new TcpAttempt(endpoint.Address, endpoint.Port, SocketErrorClassifier.Classify(ex.SocketErrorCode), 0, ex.SocketErrorCode,
                "could not create a socket: " + SocketErrorClassifier.Describe(ex.SocketErrorCode));
        }
        using var socket = created;
        if (OperatingSystem.IsWindows()) WindowsConnectTuning.Apply(socket, endpoint.Address);
        var icmp = OperatingSystem.IsLinux() && LinuxIcmpErrors.TryEnable(socket);

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        var sw = Stopwatch.StartNew();
        var error = await ConnectCoreAsync(socket, endpoint, timeoutCts.Token).ConfigureAwait(false);
        var ms = sw.Elapsed.TotalMilliseconds;

        if (error == SocketError.Success)
        {
            // Close with RST (linger 0) as nmap -sT does: a sweep must not leave thousands of TIME_WAITs behind.
            socket.LingerState = new LingerOption(true, 0);
            return new TcpAttempt(endpoint.Address, endpoint.Port, TcpPortState.Open, ms, null, "handshake completed");
        }
        if (timeoutCts.IsCancellationRequested && error == SocketError.OperationAborted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new TcpAttempt(endpoint.Address, endpoint.Port, TcpPortState.Filtered, ms, null,
                string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s"));
        }

        var state = SocketErrorClassifier.Classify(error);
        var detail = SocketErrorClassifier.Describe(error);
        IPAddress? source = null;
        if (icmp && LinuxIcmpErrors.TryRead(socket, out var report))
        {
            // The error queue says which ICMP message caused the errno, and who sent it.
            state = report.Refine(state);
            detail = $"{detail}; {report}";
            source = report.Offender;
            if (state == TcpPortState.HostUnreachable && source is not null && Net.LocalAddresses.IsLocal(source))
            {
                // This machine reported it itself: the destination never answered ARP/neighbour discovery.
                detail += " (this machine: no ARP/neighbour answer from the destination)";
            }
        }
        return new TcpAttempt(endpoint.Address, endpoint.Port, state, ms, error, detail, source);
    }

    /// <summary>Connects and returns the socket error (Success, or OperationAborted when cancelled), never throwing for network outcomes.</summary>
    private static async Task<SocketError> ConnectCoreAsync(Socket socket, IPEndPoint endpoint, CancellationToken token)
    {
        var done = new TaskCompletionSource<SocketError>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var args = new SocketAsyncEventArgs { RemoteEndPoint = endpoint };
        args.Completed += (_, e) => done.TrySetResult(e.SocketError);
        if (!socket.ConnectAsync(args))
        {
            return args.SocketError;
        }
        // CancelConnectAsync completes the pending connect with OperationAborted, so the args are never
        // disposed while the kernel still owns them.
        using (token.UnsafeRegister(static state => Socket.CancelConnectAsync((SocketAsyncEventArgs)state!), args))
        {
            return await done.Task.ConfigureAwait(false);
        }
    }
}
