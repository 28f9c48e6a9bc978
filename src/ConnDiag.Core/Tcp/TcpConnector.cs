using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Tcp;

/// <summary>A real connect over a fresh socket, classified and closed.</summary>
public sealed class TcpConnector : ITcpConnector
{
    public static TcpConnector Instance { get; } = new();

    public async Task<TcpAttempt> ConnectAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
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
        var icmp = OperatingSystem.IsLinux() ? LinuxIcmpErrors.TryEnable(socket) : false;

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        var sw = Stopwatch.StartNew();
        try
        {
            await socket.ConnectAsync(endpoint, timeoutCts.Token).ConfigureAwait(false);
            var ms = sw.Elapsed.TotalMilliseconds;
            // Close with RST (linger 0) as nmap -sT does: a sweep must not leave thousands of TIME_WAITs behind.
            socket.LingerState = new LingerOption(true, 0);
            return new TcpAttempt(endpoint.Address, endpoint.Port, TcpPortState.Open, ms, null, "handshake completed");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var ms = sw.Elapsed.TotalMilliseconds;
            return new TcpAttempt(endpoint.Address, endpoint.Port, TcpPortState.Filtered, ms, null,
                string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalSeconds:0.###} s"));
        }
        catch (SocketException ex)
        {
            var ms = sw.Elapsed.TotalMilliseconds;
            var state = SocketErrorClassifier.Classify(ex.SocketErrorCode);
            var detail = SocketErrorClassifier.Describe(ex.SocketErrorCode);
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
            return new TcpAttempt(endpoint.Address, endpoint.Port, state, ms, ex.SocketErrorCode, detail, source);
        }
    }
}
