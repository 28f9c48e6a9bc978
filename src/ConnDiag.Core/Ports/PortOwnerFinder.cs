namespace ConnDiag.Ports;

/// <summary>Finds which process owns a port, through the source for the platform it runs on.</summary>
public static class PortOwnerFinder
{
    /// <summary>The port-owner source for this operating system.</summary>
    public static IPortOwnerSource ForCurrentPlatform() =>
        OperatingSystem.IsLinux() ? new LinuxPortOwnerSource()
        : throw new PlatformNotSupportedException("Port owners are not implemented on this platform yet.");

    /// <summary>Sockets matching <paramref name="query"/>, ordered by protocol, port and address.</summary>
    public static async Task<IReadOnlyList<PortOwner>> FindAsync(PortOwnerQuery query, CancellationToken cancellationToken = default)
    {
        var owners = await ForCurrentPlatform().GetOwnersAsync(query, cancellationToken).ConfigureAwait(false);
        return owners
            .OrderBy(o => o.Protocol)
            .ThenBy(o => o.LocalPort)
            .ThenBy(o => o.LocalAddress.AddressFamily)
            .ThenBy(o => o.LocalAddress.ToString(), StringComparer.Ordinal)
            .ThenBy(o => o.RemotePort)
            .ToList();
    }
}
