using System.Buffers.Binary;
using System.Net;
using ConnDiag.Tcp;

namespace ConnDiag.Core.Tests.Tcp;

/// <summary>
/// The control-message parser on hand-built buffers laid out as the kernel lays them out (cmsghdr aligned to
/// size_t, sock_extended_err, then the offender sockaddr), including damaged ones it must survive.
/// The end-to-end proof is in TcpClassificationNamespaceTests.
/// </summary>
public sealed class LinuxIcmpErrorsTests
{
    private static readonly int Word = IntPtr.Size;
    private static readonly int Header = Align(Word + 8);

    [Fact]
    public void An_IPv4_admin_prohibited_entry_gives_type_code_and_offender()
    {
        var offender = new byte[16];
        BitConverter.TryWriteBytes(offender.AsSpan(0, 2), (ushort)2); // AF_INET
        new byte[] { 198, 18, 7, 1 }.CopyTo(offender, 4);

        var report = LinuxIcmpErrors.Parse(Cmsg(0, 11, ExtendedError(113, origin: 2, type: 3, code: 13), offender));

        Assert.Equal(new IcmpReport(3, 13, IPAddress.Parse("198.18.7.1"), IsIPv6: false), report);
        Assert.Equal(TcpPortState.AdminProhibited, report!.Refine(TcpPortState.HostUnreachable));
        Assert.Equal("ICMP type 3 code 13 from 198.18.7.1", report.ToString());
    }

    [Fact]
    public void An_IPv6_entry_after_another_control_message_is_found()
    {
        var offender = new byte[28];
        BitConverter.TryWriteBytes(offender.AsSpan(0, 2), (ushort)10); // AF_INET6
        IPAddress.Parse("fd00:198:18:7::2").GetAddressBytes().CopyTo(offender, 8);
        var other = Cmsg(41, 50, new byte[5]); // an unrelated message with a length that needs padding

        var report = LinuxIcmpErrors.Parse([.. other, .. Cmsg(41, 25, ExtendedError(13, origin: 3, type: 1, code: 1), offender)]);

        Assert.Equal(new IcmpReport(1, 1, IPAddress.Parse("fd00:198:18:7::2"), IsIPv6: true), report);
        Assert.Equal(TcpPortState.AdminProhibited, report!.Refine(TcpPortState.AdminProhibited));
    }

    [Fact]
    public void A_non_ICMP_origin_or_unknown_offender_family_is_handled()
    {
        // SO_EE_ORIGIN_LOCAL (1) is not an ICMP report.
        Assert.Null(LinuxIcmpErrors.Parse(Cmsg(0, 11, ExtendedError(90, origin: 1, type: 0, code: 0), new byte[16])));
        // AF_UNSPEC offender: the report stands, without a sender.
        var report = LinuxIcmpErrors.Parse(Cmsg(0, 11, ExtendedError(113, origin: 2, type: 3, code: 1), new byte[16]));
        Assert.Equal(new IcmpReport(3, 1, null, IsIPv6: false), report);
        Assert.Equal(TcpPortState.HostUnreachable, report!.Refine(TcpPortState.HostUnreachable));
    }

    [Fact]
    public void Damaged_buffers_give_nothing_and_never_throw()
    {
        var good = Cmsg(0, 11, ExtendedError(113, origin: 2, type: 3, code: 13), new byte[16]);
        for (var cut = 0; cut < good.Length; cut++)
        {
            Assert.Null(LinuxIcmpErrors.Parse(good.AsSpan(0, cut)));
        }
        var lying = (byte[])good.Clone();
        WriteLength(lying, 0, 1 << 20); // cmsg_len past the end
        Assert.Null(LinuxIcmpErrors.Parse(lying));
        var tiny = (byte[])good.Clone();
        WriteLength(tiny, 0, 4); // cmsg_len shorter than its own header: must not loop forever
        Assert.Null(LinuxIcmpErrors.Parse(tiny));
    }

    private static byte[] ExtendedError(uint errno, byte origin, byte type, byte code)
    {
        var ee = new byte[16];
        BitConverter.TryWriteBytes(ee.AsSpan(0, 4), errno);
        ee[4] = origin;
        ee[5] = type;
        ee[6] = code;
        return ee;
    }

    private static byte[] Cmsg(int level, int type, params byte[][] parts)
    {
        var data = parts.SelectMany(p => p).ToArray();
        var buffer = new byte[Align(Header + data.Length)];
        WriteLength(buffer, 0, Header + data.Length);
        BitConverter.TryWriteBytes(buffer.AsSpan(Word, 4), level);
        BitConverter.TryWriteBytes(buffer.AsSpan(Word + 4, 4), type);
        data.CopyTo(buffer, Header);
        return buffer;
    }

    private static void WriteLength(byte[] buffer, int offset, int length)
    {
        if (Word == 8) BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(offset), (ulong)length);
        else BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offset), (uint)length);
    }

    private static int Align(int n) => (n + Word - 1) & ~(Word - 1);
}
