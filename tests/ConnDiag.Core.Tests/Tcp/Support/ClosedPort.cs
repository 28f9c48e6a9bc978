using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Core.Tests.Tcp.Support;

/// <summary>
/// A port that is certainly closed: a socket bound to it but never listening. Connects get a RST, and no
/// other process can start listening there while it is held (unlike "a port that was free a moment ago").
/// </summary>
internal sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket;

    public ClosedPort(IPAddress address)
    {
        _socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(new IPEndPoint(address, 0));
        Address = address;
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public IPAddress Address { get; }
    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}
