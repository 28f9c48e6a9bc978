using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Core.Tests.Dns.Fixtures;

/// <summary>Ports for fixture servers on 127.0.0.1.</summary>
internal static class LoopbackPorts
{
    /// <summary>
    /// A port free for both UDP and TCP right now. A server started on it a moment later can still lose a race
    /// with another process, so fixtures retry their start on a new port.
    /// </summary>
    public static int FreeUdpAndTcp()
    {
        for (var i = 0; i < 50; i++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken on TCP: try another.
            }
        }
        throw new InvalidOperationException("no loopback port free for both UDP and TCP after 50 tries");
    }
}
