using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Tcp;

/// <summary>One connect to one address.</summary>
/// <param name="RemoteAddress">Address connected to.</param>
/// <param name="Port">Port connected to.</param>
/// <param name="State">Classification of the result.</param>
/// <param name="ConnectMs">Time from starting the connect to the verdict (the timeout for Filtered).</param>
/// <param name="SocketError">The socket error when the connect failed.</param>
/// <param name="Detail">What was observed, in words (e.g. "RST", "ICMP type 3 code 13 from 198.18.7.1").</param>
/// <param name="IcmpSource">Router or host that sent the ICMP error, when the platform reports it.</param>
public sealed record TcpAttempt(
    IPAddress RemoteAddress,
    int Port,
    TcpPortState State,
    double ConnectMs,
    SocketError? SocketError,
    string Detail,
    IPAddress? IcmpSource = null)
{
    public AddressFamily AddressFamily => RemoteAddress.AddressFamily;

    public string Endpoint => Model.Target.Format(RemoteAddress.ToString(), Port);
}
