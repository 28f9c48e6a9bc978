using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ConnDiag.Ports.Linux;

/// <summary>
/// Dumps the kernel's TCP/UDP socket tables through NETLINK_SOCK_DIAG (what <c>ss</c> uses): one request per
/// family and protocol, answered with binary records, about ten times faster than parsing /proc/net/tcp.
/// </summary>
internal sealed unsafe class NetlinkSockDiag : IDisposable
{
    private const int HeaderSize = 16;          // struct nlmsghdr
    private const int RequestSize = HeaderSize + 56; // + struct inet_diag_req_v2
    private const ushort SockDiagByFamily = 20;
    private const ushort FlagsRequestDump = 0x001 | 0x300; // NLM_F_REQUEST | NLM_F_DUMP
    private const ushort MessageError = 2;      // NLMSG_ERROR
    private const ushort MessageDone = 3;       // NLMSG_DONE
    private const int MsgTrunc = 0x20;
    private const int BufferSize = 64 * 1024;   // larger than any dump chunk the kernel sends (it caps them at 32 KiB)
    private const int MaxSocketsPerDump = 1_000_000;
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(2);

    private int _fd;
    private readonly byte[] _buffer = new byte[BufferSize];
    private uint _sequence;

    private NetlinkSockDiag(int fd) => _fd = fd;

    /// <summary>Opens the netlink socket; throws <see cref="IOException"/> when the kernel refuses it.</summary>
    public static NetlinkSockDiag Open()
    {
        var fd = LibC.Socket(LibC.AfNetlink, LibC.SockRaw | LibC.SockCloexec, LibC.NetlinkSockDiag);
        if (fd < 0) throw Failure("socket(AF_NETLINK, NETLINK_SOCK_DIAG)");
        var session = new NetlinkSockDiag(fd);
        // A kernel that never answers must not hang the caller: recv gives up after the timeout.
        long* timeval = stackalloc long[2] { (long)ReceiveTimeout.TotalSeconds, 0 };
        if (LibC.SetSockOpt(fd, LibC.SolSocket, LibC.SoRcvtimeo, timeval, 2 * sizeof(long)) != 0)
        {
            var error = Failure("setsockopt(SO_RCVTIMEO)");
            session.Dispose();
            throw error;
        }
        return session;
    }

    /// <summary>Every socket of one family and protocol whose state is in <paramref name="stateMask"/>.</summary>
    public List<KernelSocket> Dump(AddressFamily family, TransportProtocol protocol, uint stateMask, CancellationToken cancellationToken)
    {
        var sequence = ++_sequence;
        SendRequest(family, protocol, stateMask, sequence);

        var sockets = new List<KernelSocket>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var received = Receive();
            var data = _buffer.AsSpan(0, received);
            while (data.Length >= HeaderSize)
            {
                var length = (int)BitConverter.ToUInt32(data);
                var type = BitConverter.ToUInt16(data[4..]);
                var messageSequence = BitConverter.ToUInt32(data[8..]);
                if (length < HeaderSize || length > data.Length) throw new IOException("netlink: malformed message length");
                if (messageSequence == sequence)
                {
                    if (type == MessageDone) return sockets;
                    if (type == MessageError)
                    {
                        var errno = length >= HeaderSize + 4 ? -BitConverter.ToInt32(data[HeaderSize..]) : 0;
                        throw new IOException($"netlink sock_diag refused the {family}/{protocol} dump: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
                    }
                    if (type == SockDiagByFamily && InetDiagMessage.TryParse(data[HeaderSize..length], protocol, out var socket))
                    {
                        sockets.Add(socket);
                        if (sockets.Count > MaxSocketsPerDump)
                        {
                            throw new IOException($"netlink: more than {MaxSocketsPerDump} {protocol} sockets; refusing to read further");
                        }
                    }
                }
                var aligned = (length + 3) & ~3;
                if (aligned >= data.Length) break;
                data = data[aligned..];
            }
        }
    }

    private void SendRequest(AddressFamily family, TransportProtocol protocol, uint stateMask, uint sequence)
    {
        byte* request = stackalloc byte[RequestSize];
        new Span<byte>(request, RequestSize).Clear();
        *(uint*)request = RequestSize;
        *(ushort*)(request + 4) = SockDiagByFamily;
        *(ushort*)(request + 6) = FlagsRequestDump;
        *(uint*)(request + 8) = sequence;
        request[16] = family == AddressFamily.InterNetworkV6 ? (byte)10 : (byte)2;
        request[17] = protocol == TransportProtocol.Tcp ? (byte)6 : (byte)17;
        // idiag_ext stays 0: the kernel adds INET_DIAG_SKV6ONLY to every IPv6 LISTEN/CLOSE socket unasked
        // (inet_diag_msg_attrs_fill), and no other extension is needed.
        *(uint*)(request + 20) = stateMask;

        byte* kernel = stackalloc byte[12]; // struct sockaddr_nl { family, pad, pid = 0 (kernel), groups }
        new Span<byte>(kernel, 12).Clear();
        *(ushort*)kernel = LibC.AfNetlink;

        nint sent;
        do
        {
            sent = LibC.SendTo(_fd, request, RequestSize, 0, kernel, 12);
        }
        while (sent < 0 && Marshal.GetLastPInvokeError() == LibC.Eintr);
        if (sent != RequestSize) throw Failure("netlink sendto");
    }

    private int Receive()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            nint received;
            fixed (byte* buffer = _buffer)
            {
                // MSG_TRUNC makes netlink report a message's real length, so a truncated one is detected, not misread.
                received = LibC.Recv(_fd, buffer, BufferSize, MsgTrunc);
            }
            if (received > BufferSize) throw new IOException($"netlink: a {received}-byte message exceeds the {BufferSize}-byte buffer");
            if (received > 0) return (int)received;
            if (received == 0) throw new IOException("netlink: the kernel closed the dump early");
            if (Marshal.GetLastPInvokeError() != LibC.Eintr) throw Failure("netlink recv");
        }
        throw new IOException("netlink recv: interrupted too often");
    }

    private static IOException Failure(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) LibC.Close(fd);
    }
}
