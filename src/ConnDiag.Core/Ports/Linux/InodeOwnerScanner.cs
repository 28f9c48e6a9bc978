using System.IO.Enumeration;

namespace ConnDiag.Ports.Linux;

/// <summary>Which process holds each wanted socket inode, and how many processes were looked at to find out.</summary>
internal sealed record InodeOwners(IReadOnlyDictionary<long, int> PidByInode, int ProcessesScanned);

/// <summary>
/// Maps socket inodes to PIDs the way <c>ss -p</c> does: every /proc/PID/fd/N link that reads
/// <c>socket:[INODE]</c>. The walk stops as soon as every wanted inode is found, so a one-port lookup
/// usually reads a fraction of the fd links. Processes that exit mid-walk or deny access (another user's,
/// without privilege) are skipped; their sockets stay unowned.
/// </summary>
internal static unsafe class InodeOwnerScanner
{
    // readdir's struct dirent layout (name at byte 19) holds for 64-bit glibc and musl only.
    private static bool _native = Environment.Is64BitProcess;

    private static readonly EnumerationOptions Options = new()
    {
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Every PID in /proc, lowest first, so a socket shared by a forked server maps to its parent.</summary>
    public static List<int> AllPids()
    {
        var pids = new FileSystemEnumerable<int>("/proc", static (ref FileSystemEntry e) => ParsePid(e.FileName), Options)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry e) => e.IsDirectory && ParsePid(e.FileName) > 0,
        }.ToList();
        pids.Sort();
        return pids;
    }

    /// <summary>Walks <paramref name="pids"/> in order until every inode in <paramref name="wanted"/> has an owner.</summary>
    public static InodeOwners Scan(IReadOnlySet<long> wanted, IEnumerable<int> pids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, int>();
        var scanned = 0;
        if (wanted.Count == 0) return new InodeOwners(found, 0);
        foreach (var pid in pids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            scanned++;
            if (ScanProcess(pid, wanted, found)) break;
        }
        return new InodeOwners(found, scanned);
    }

    /// <summary>
    /// Records <paramref name="pid"/> as the owner of each wanted inode in its fd table (the first holder wins:
    /// with ascending PIDs, the process that created or inherited it first). True once every inode is found,
    /// which ends the walk at once, even midway through a process with thousands of descriptors.
    /// A process that exited, or belongs to another user without privilege, contributes nothing.
    /// </summary>
    private static bool ScanProcess(int pid, IReadOnlySet<long> wanted, Dictionary<long, int> found)
    {
        if (!_native) return ScanProcessManaged(pid, wanted, found);
        try
        {
            return ScanProcessNative(pid, wanted, found);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc the runtime cannot bind by the name "libc": the managed walk is slower but equivalent.
            _native = false;
            return ScanProcessManaged(pid, wanted, found);
        }
    }

    private static bool ScanProcessNative(int pid, IReadOnlySet<long> wanted, Dictionary<long, int> found)
    {
        // opendir/readdir + readlinkat on the directory fd: one syscall per descriptor. The managed
        // enumerator also stats every symlink, which made a walk over thousands of sockets three times slower.
        var path = stackalloc byte[32];
        var length = WriteAscii(path, "/proc/");
        length += WriteAscii(path + length, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        length += WriteAscii(path + length, "/fd");
        path[length] = 0;

        var directory = LibC.OpenDir(path);
        if (directory == 0) return false;
        try
        {
            var fd = LibC.DirFd(directory);
            var target = stackalloc byte[64];
            nint entry;
            while ((entry = LibC.ReadDir(directory)) != 0)
            {
                var name = (byte*)entry + LibC.DirentNameOffset;
                if (name[0] == (byte)'.') continue;
                var n = (int)LibC.ReadLinkAt(fd, name, target, 64);
                if (n > 0 && Record(ParseSocketLink(new ReadOnlySpan<byte>(target, n)), pid, wanted, found)) return true;
            }
            return false;
        }
        finally
        {
            LibC.CloseDir(directory);
        }
    }

    internal static bool ScanProcessManaged(int pid, IReadOnlySet<long> wanted, Dictionary<long, int> found)
    {
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                var link = new FileInfo(entry).LinkTarget;
                if (link is not null && Record(ParseSocketLink(System.Text.Encoding.ASCII.GetBytes(link)), pid, wanted, found)) return true;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Exited mid-walk, or not ours to read.
        }
        return false;
    }

    private static bool Record(long inode, int pid, IReadOnlySet<long> wanted, Dictionary<long, int> found) =>
        inode > 0 && wanted.Contains(inode) && found.TryAdd(inode, pid) && found.Count == wanted.Count;

    internal static long ParseSocketLink(ReadOnlySpan<byte> link)
    {
        ReadOnlySpan<byte> prefix = "socket:["u8;
        if (link.Length <= prefix.Length + 1 || !link.StartsWith(prefix) || link[^1] != (byte)']') return 0;
        long inode = 0;
        foreach (var b in link[prefix.Length..^1])
        {
            if (b is < (byte)'0' or > (byte)'9' || inode > long.MaxValue / 10) return 0;
            inode = inode * 10 + (b - '0');
        }
        return inode;
    }

    private static int WriteAscii(byte* destination, string text)
    {
        for (var i = 0; i < text.Length; i++) destination[i] = (byte)text[i];
        return text.Length;
    }

    private static int ParsePid(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > 9) return 0;
        var pid = 0;
        foreach (var c in name)
        {
            if (!char.IsAsciiDigit(c)) return 0;
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }
}
