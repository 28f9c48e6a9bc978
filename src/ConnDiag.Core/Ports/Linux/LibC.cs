using System.Runtime.InteropServices;

namespace ConnDiag.Ports.Linux;

/// <summary>The few libc calls the Linux source needs that .NET does not expose (netlink sockets, readlink).</summary>
internal static unsafe partial class LibC
{
    public const int AfNetlink = 16;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int NetlinkSockDiag = 4;
    public const int SolSocket = 1;
    public const int SoRcvtimeo = 20;
    public const int Eintr = 4;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    public static partial nint SendTo(int fd, void* buffer, nint length, int flags, void* address, int addressLength);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(int fd, void* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "readlinkat")]
    public static partial nint ReadLinkAt(int directoryFd, byte* path, byte* buffer, nint size);

    [LibraryImport("libc", EntryPoint = "opendir")]
    public static partial nint OpenDir(byte* path);

    /// <summary>readdir: on 64-bit glibc and musl, struct dirent is d_ino(8) d_off(8) d_reclen(2) d_type(1) d_name.</summary>
    [LibraryImport("libc", EntryPoint = "readdir")]
    public static partial nint ReadDir(nint directory);

    [LibraryImport("libc", EntryPoint = "dirfd")]
    public static partial int DirFd(nint directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    public static partial int CloseDir(nint directory);

    public const int DirentNameOffset = 19;
}
