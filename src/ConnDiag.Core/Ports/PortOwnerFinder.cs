namespace ConnDiag.Ports;

/// <summary>Finds which process owns a port, through the source for the platform it runs on.</summary>
public static class PortOwnerFinder
{
    /// <summary>
    /// The port-owner source for this operating system: netlink + /proc on Linux, IP Helper on Windows,
    /// lsof on macOS. Throws <see cref="PlatformNotSupportedException"/> elsewhere.
    /// </summary>
    public static IPortOwnerSource ForCurrentPlatform()
    {
        if (OperatingSystem.IsLinux()) return new LinuxPortOwnerSource();
        if (OperatingSystem.IsWindows()) return new WindowsPortOwnerSource();
        if (OperatingSystem.IsMacOS()) return new LsofPortOwnerSource();
        throw new PlatformNotSupportedException(
            $"Finding port owners is supported on Linux, Windows and macOS; this is {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.");
    }

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
