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
            foreach (var inode in SocketInodesOf(pid))
            {
                // First holder wins: with ascending PIDs that is the process that created or inherited it first.
                if (wanted.Contains(inode) && found.TryAdd(inode, pid) && found.Count == wanted.Count)
                {
                    return new InodeOwners(found, scanned);
                }
            }
        }
        return new InodeOwners(found, scanned);
    }

    /// <summary>Socket inodes in one process's fd table; empty when it has exited or is not ours to read.</summary>
    internal static List<long> SocketInodesOf(int pid)
    {
        var directory = $"/proc/{pid}/fd";
        try
        {
            return new FileSystemEnumerable<long>(directory, (ref FileSystemEntry e) => ReadSocketInode(directory, e.FileName), Options)
                .Where(inode => inode > 0)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>readlink(/proc/PID/fd/N) → INODE when the link reads socket:[INODE], else 0.</summary>
    private static long ReadSocketInode(string directory, ReadOnlySpan<char> name)
    {
        // Paths are ASCII ("/proc/123/fd/45"); build them on the stack to keep the walk allocation-free.
        var length = directory.Length + 1 + name.Length;
        if (length > 120) return 0;
        byte* path = stackalloc byte[128];
        for (var i = 0; i < directory.Length; i++) path[i] = (byte)directory[i];
        path[directory.Length] = (byte)'/';
        for (var i = 0; i < name.Length; i++) path[directory.Length + 1 + i] = (byte)name[i];
        path[length] = 0;

        byte* target = stackalloc byte[64];
        var n = (int)LibC.ReadLink(path, target, 64);
        return ParseSocketLink(new ReadOnlySpan<byte>(target, Math.Max(n, 0)));
    }

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
