using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ConnDiag.Tcp;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// A TCP connect to a proxy that keeps the socket open on success, classified like every other connect
/// (<see cref="SocketErrorClassifier"/>, ICMP details on Linux). <see cref="TcpConnector"/> closes its socket
/// after the verdict, which is what a sweep wants and a tunnel cannot use.
/// </summary>
internal static class ProxySocketConnector
{
    public static async Task<(TcpAttempt Attempt, Socket? Socket)> ConnectAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Socket socket;
        try
        {
            socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        }
        catch (SocketException ex)
        {
            return (new TcpAttempt(endpoint.Address, endpoint.Port, SocketErrorClassifier.Classify(ex.SocketErrorCode), 0, ex.SocketErrorCode,
                "could not create a socket: " + SocketErrorClassifier.Describe(ex.SocketErrorCode)), null);
        }

        var keep = false;
        try
        {
            if (OperatingSystem.IsWindows()) WindowsConnectTuning.Apply(socket, endpoint.Address);
            var icmp = LinuxIcmpErrors.TryEnable(socket);
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutCts.CancelAfter(timeout);
            var sw = Stopwatch.StartNew();
            var error = await ConnectCoreAsync(socket, endpoint, timeoutCts.Token).ConfigureAwait(false);
            var ms = sw.Elapsed.TotalMilliseconds;

            if (error == SocketError.Success)
            {
                keep = true;
                return (new TcpAttempt(endpoint.Address, endpoint.Port, TcpPortState.Open, ms, null, "handshake completed"), socket);
            }
            if (timeoutCts.IsCancellationRequested && error == SocketError.OperationAborted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return (new TcpAttempt(endpoint.Address, endpoint.Port, TcpPortState.Filtered, ms, null,
                    string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s")), null);
            }
            var state = SocketErrorClassifier.Classify(error);
            var detail = SocketErrorClassifier.Describe(error);
            IPAddress? source = null;
            if (icmp && LinuxIcmpErrors.TryRead(socket, out var report))
            {
                state = report.Refine(state);
                detail = $"{detail}; {report}";
                source = report.Offender;
            }
            return (new TcpAttempt(endpoint.Address, endpoint.Port, state, ms, error, detail, source), null);
        }
        finally
        {
            if (!keep) socket.Dispose();
        }
    }

    private static async Task<SocketError> ConnectCoreAsync(Socket socket, IPEndPoint endpoint, CancellationToken token)
    {
        var done = new TaskCompletionSource<SocketError>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var args = new SocketAsyncEventArgs { RemoteEndPoint = endpoint };
        args.Completed += (_, e) => done.TrySetResult(e.SocketError);
        if (!socket.ConnectAsync(args)) return args.SocketError;
        // CancelConnectAsync completes the pending connect with OperationAborted, so the args outlive the kernel's use.
        using (token.UnsafeRegister(static state => Socket.CancelConnectAsync((SocketAsyncEventArgs)state!), args))
        {
            return await done.Task.ConfigureAwait(false);
        }
    }
}
