namespace ConnDiag.Ports;

/// <summary>Linux: socket table, then inode → PID through /proc/*/fd. (Being written.)</summary>
internal sealed class LinuxPortOwnerSource : IPortOwnerSource
{
    public Task<IReadOnlyList<PortOwner>> GetOwnersAsync(PortOwnerQuery query, CancellationToken cancellationToken) =>
        throw new PlatformNotSupportedException("Linux port owners are being written.");
}
