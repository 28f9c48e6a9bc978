using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace ConnDiag.Tcp;

/// <summary>
/// Windows answers a RST to its SYN by retrying the SYN, so a refused port looks like ~2 s of silence
/// (nmap #2113, libuv #2896) and a short timeout misreports "refused" as "filtered".
/// SIO_TCP_INITIAL_RTO sets the per-socket initial RTO and the number of SYN retransmissions, so the
/// refusal is seen at once. Loopback cannot lose a SYN, so it gets no retransmissions at all; other
/// destinations keep one retransmission so a single lost SYN is not reported as filtered.
/// Untestable here (no Windows): kept minimal, and any failure leaves the socket at the OS defaults.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsConnectTuning
{
    // _WSAIOW(IOC_VENDOR, 17)
    private const int SioTcpInitialRto = unchecked((int)0x98000011);
    private const byte NoSynRetransmissions = 0xFE; // TCP_INITIAL_RTO_NO_SYN_RETRANSMISSIONS
    private const ushort UnspecifiedRtt = 0xFFFF;   // TCP_INITIAL_RTO_UNSPECIFIED_RTT

    public static void Apply(Socket socket, IPAddress destination)
    {
        // TCP_INITIAL_RTO_PARAMETERS { USHORT Rtt; UCHAR MaxSynRetransmissions; } padded to 4 bytes.
        var parameters = new byte[4];
        BitConverter.TryWriteBytes(parameters.AsSpan(0, 2), UnspecifiedRtt);
        parameters[2] = IPAddress.IsLoopback(destination) ? NoSynRetransmissions : (byte)1;
        try
        {
            socket.IOControl(SioTcpInitialRto, parameters, null);
        }
        catch (SocketException)
        {
            // Older Windows builds lack the ioctl; the defaults still work, only slower on refusals.
        }
    }
}
