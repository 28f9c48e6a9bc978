namespace ConnDiag.Core.Tests.Tcp.Support;

/// <summary>Counts this process's open file descriptors (Linux /proc/self/fd).</summary>
internal static class FileDescriptors
{
    // No GC first, on purpose: a socket left for the finalizer to close is a leak in a long sweep, so it must show.
    public static int Count() => Directory.GetFileSystemEntries("/proc/self/fd").Length;
}
