using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ConnDiag.Tcp;

/// <summary>The ICMP message behind a failed connect, read from the socket's error queue.</summary>
/// <param name="Type">ICMP (or ICMPv6) type.</param>
/// <param name="Code">ICMP code.</param>
/// <param name="Offender">Who sent the ICMP message.</param>
/// <param name="IsIPv6">True for ICMPv6.</param>
public sealed record IcmpReport(byte Type, byte Code, IPAddress? Offender, bool IsIPv6)
{
    /// <summary>
    /// Linux turns ICMP "communication administratively prohibited" (type 3 code 13) into EHOSTUNREACH on IPv4;
    /// only the ICMP code tells a firewall reject from a dead host.
    /// </summary>
    public TcpPortState Refine(TcpPortState fromErrno) =>
        (IsIPv6, Type, Code) switch
        {
            (false, 3, 9 or 10 or 13) => TcpPortState.AdminProhibited,
            (true, 1, 1) => TcpPortState.AdminProhibited,
            _ => fromErrno,
        };

    public override string ToString() =>
        $"ICMP{(IsIPv6 ? "v6" : "")} type {Type} code {Code}{(Offender is null ? "" : " from " + Offender)}";
}

/// <summary>
/// Reads the ICMP error behind a failed connect from the socket's error queue (IP_RECVERR / IPV6_RECVERR).
/// </summary>
/// <remarks>
/// Verified on Linux 6.18 against nftables rejects in a network namespace: with RECVERR set, a TCP socket in
/// SYN_SENT queues the ICMP error (origin ICMP/ICMP6, type, code, offender) before the connect fails, for
/// port-unreachable, host-unreachable, net-unreachable, admin-prohibited, for errors sent by a router on the
/// path, and for the host's own "no ARP/ND answer" error. A RST queues nothing. Two side effects, both wanted:
/// on IPv6 the first ICMPv6 error aborts the connect at once (without RECVERR the kernel waits for the SYN
/// retransmit, ~1 s), and nothing else changes for a socket that is closed right after the handshake.
/// Every failure here is swallowed: the errno verdict stands on its own and this only sharpens it.
/// </remarks>
internal static partial class LinuxIcmpErrors
{
    private const int SolIp = 0;
    private const int IpRecvErr = 11;
    private const int SolIpv6 = 41;
    private const int Ipv6RecvErr = 25;
    private const int MsgDontWait = 0x40;
    private const int MsgErrQueue = 0x2000;
    private const byte OriginIcmp = 2;  // SO_EE_ORIGIN_ICMP
    private const byte OriginIcmp6 = 3; // SO_EE_ORIGIN_ICMP6
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;
    private const int ExtendedErrSize = 16; // struct sock_extended_err
    // The queue holds one entry per ICMP message; a connect sees one or two. The cap bounds the loop whatever happens.
    private const int MaxEntries = 8;

    /// <summary>Asks the kernel to queue ICMP errors on this socket. False when it cannot (not Linux, or refused).</summary>
    public static bool TryEnable(Socket socket)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var (level, name) = socket.AddressFamily switch
        {
            AddressFamily.InterNetwork => (SolIp, IpRecvErr),
            AddressFamily.InterNetworkV6 => (SolIpv6, Ipv6RecvErr),
            _ => (-1, -1),
        };
        if (level < 0) return false;
        try
        {
            Span<byte> on = stackalloc byte[sizeof(int)];
            MemoryMarshal.Write(on, 1);
            socket.SetRawSocketOption(level, name, on);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Drains the error queue and returns the last ICMP report in it (the one behind the connect's errno).
    /// False when the queue is empty (e.g. the port answered with a RST) or cannot be read.
    /// </summary>
    public static bool TryRead(Socket socket, out IcmpReport report)
    {
        report = null!;
        if (!OperatingSystem.IsLinux()) return false;
        SafeSocketHandle handle;
        try
        {
            handle = socket.SafeHandle;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        var added = false;
        try
        {
            // The ref keeps the descriptor from being closed and reused under recvmsg.
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            IcmpReport? last = null;
            for (var i = 0; i < MaxEntries && TryReadOne(fd, out var entry); i++)
            {
                if (entry is not null) last = entry;
            }
            if (last is null) return false;
            report = last;
            return true;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    /// <summary>Reads one queue entry; false when the queue is empty or the read failed. entry is null for a non-ICMP entry.</summary>
    private static unsafe bool TryReadOne(int fd, out IcmpReport? entry)
    {
        entry = null;
        // The payload is the offending packet's headers; only the control message matters, so a small buffer
        // (and MSG_TRUNC) is fine.
        var payload = stackalloc byte[64];
        const int controlSize = 256;
        var control = stackalloc byte[controlSize];
        var iov = new IoVec { Base = payload, Length = 64 };
        var msg = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = controlSize };
        var n = RecvMsg(fd, &msg, MsgErrQueue | MsgDontWait);
        if (n < 0) return false; // EAGAIN: nothing queued
        var used = (int)Math.Min((ulong)msg.ControlLength, controlSize);
        entry = Parse(new ReadOnlySpan<byte>(control, used));
        return true;
    }

    /// <summary>Walks the control messages (struct cmsghdr, aligned to size_t) for a RECVERR one.</summary>
    internal static IcmpReport? Parse(ReadOnlySpan<byte> control)
    {
        var word = IntPtr.Size;
        var header = Align(word + 2 * sizeof(int), word);
        var offset = 0;
        while (offset + header <= control.Length)
        {
            var length = word == 8
                ? (long)MemoryMarshal.Read<ulong>(control[offset..])
                : MemoryMarshal.Read<uint>(control[offset..]);
            var level = MemoryMarshal.Read<int>(control[(offset + word)..]);
            var type = MemoryMarshal.Read<int>(control[(offset + word + sizeof(int))..]);
            if (length < header || offset + length > control.Length) return null;
            var data = control.Slice(offset + header, (int)length - header);
            if ((level == SolIp && type == IpRecvErr) || (level == SolIpv6 && type == Ipv6RecvErr))
            {
                if (ParseExtendedError(data) is { } r) return r;
            }
            offset += Align((int)length, word);
        }
        return null;
    }

    // struct sock_extended_err { u32 ee_errno; u8 ee_origin, ee_type, ee_code, ee_pad; u32 ee_info, ee_data; }
    // followed by the offender's sockaddr (SO_EE_OFFENDER).
    private static IcmpReport? ParseExtendedError(ReadOnlySpan<byte> data)
    {
        if (data.Length < ExtendedErrSize) return null;
        var origin = data[4];
        if (origin is not (OriginIcmp or OriginIcmp6)) return null;
        return new IcmpReport(data[5], data[6], ParseSockaddr(data[ExtendedErrSize..]), origin == OriginIcmp6);
    }

    private static IPAddress? ParseSockaddr(ReadOnlySpan<byte> sa)
    {
        if (sa.Length < 2) return null;
        var family = MemoryMarshal.Read<ushort>(sa);
        if (family == AfInet && sa.Length >= 8) return new IPAddress(sa.Slice(4, 4));
        if (family == AfInet6 && sa.Length >= 28)
        {
            return new IPAddress(sa.Slice(8, 16), MemoryMarshal.Read<uint>(sa[24..]));
        }
        return null; // AF_UNSPEC: the kernel did not know the sender
    }

    private static int Align(int length, int word) => (length + word - 1) & ~(word - 1);

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    // struct msghdr; sequential layout gives glibc's padding on both 64- and 32-bit.
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static unsafe partial nint RecvMsg(int fd, MsgHdr* msg, int flags);
}
