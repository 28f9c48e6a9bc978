using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Core.Tests.Ports;

/// <summary>Real sockets for the port-owner tests, and facts about them read independently of the engine.</summary>
internal static class TestSockets
{
    public static Socket Listen(IPAddress address, int port = 0, bool? dualMode = null)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (dualMode is { } dual) socket.DualMode = dual;
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(16);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static Socket Udp(IPAddress address)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    public static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    /// <summary>A port nothing listens on: bound to :0 by the kernel, then released.</summary>
    public static int FreePort(IPAddress? address = null)
    {
        using var socket = Listen(address ?? IPAddress.Loopback);
        return PortOf(socket);
    }

    /// <summary>The socket's inode, from the /proc/self/fd link (the engine's own reader is not used).</summary>
    public static long InodeOf(Socket socket)
    {
        var link = new FileInfo($"/proc/self/fd/{socket.SafeHandle.DangerousGetHandle().ToInt64().ToString(CultureInfo.InvariantCulture)}").LinkTarget;
        Assert.NotNull(link);
        Assert.StartsWith("socket:[", link);
        return long.Parse(link["socket:[".Length..^1], CultureInfo.InvariantCulture);
    }

    /// <summary>Connects in bounded, short steps until something accepts on 127.0.0.1:port (a child server starting).</summary>
    public static async Task WaitUntilListeningAsync(IPEndPoint endpoint, TimeSpan limit, Func<bool>? stillRunning = null)
    {
        var deadline = DateTime.UtcNow + limit;
        for (var attempt = 0; attempt < 400 && DateTime.UtcNow < deadline; attempt++)
        {
            if (stillRunning is not null && !stillRunning()) throw new InvalidOperationException($"the server exited before listening on {endpoint}");
            using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await probe.ConnectAsync(endpoint, cts.Token);
                return;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"nothing listened on {endpoint} within {limit.TotalSeconds} s");
    }
}
