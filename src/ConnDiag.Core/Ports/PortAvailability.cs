using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Ports;

/// <summary>
/// Can a server listen on an address and port? Binds a TCP listener the way a server does and, when the
/// port is taken, names the sockets that hold it: LOCAL.PORT_IN_USE ("node (PID 4242) already listens on
/// 127.0.0.1:3456"). The probe socket is closed before the answer returns.
/// </summary>
public sealed class PortAvailability
{
    private readonly IPortOwnerSource _owners;

    /// <param name="owners">Socket table used to name the holder (this platform's by default).</param>
    public PortAvailability(IPortOwnerSource? owners = null) => _owners = owners ?? PortOwnerFinder.ForCurrentPlatform();

    /// <summary>
    /// Null when a listener could bind <paramref name="address"/>:<paramref name="port"/>, else LOCAL.PORT_IN_USE.
    /// Throws <see cref="ArgumentException"/> for a port outside 1-65535 or an address this machine does not have.
    /// </summary>
    public async Task<Finding?> CheckAsync(IPAddress address, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!Target.IsValidPort(port))
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, $"Port {port.ToString(CultureInfo.InvariantCulture)} is out of range: use 1-65535.");
        }
        var endpoint = Target.Format(address.ToString(), port);
        var error = TryBind(address, port);
        switch (error)
        {
            case null:
                return null;
            case SocketError.AddressAlreadyInUse:
                return await InUseAsync(address, port, endpoint, $"bind({endpoint}) failed with EADDRINUSE", cancellationToken).ConfigureAwait(false);
            case SocketError.AccessDenied:
                // A privileged port (< 1024 without root) cannot be bound to test it; the socket table still tells.
                return await InUseAsync(address, port, endpoint, null, cancellationToken).ConfigureAwait(false);
            case SocketError.AddressNotAvailable:
                throw new ArgumentException($"{address} is not an address of this machine, so nothing can listen on {endpoint}.", nameof(address));
            default:
                throw new IOException($"Could not test {endpoint}: bind failed with {error}.");
        }
    }

    private static SocketError? TryBind(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        // Like a server: on Windows an exclusive bind (else SO_REUSEADDR could share the port); on Unix .NET
        // already sets SO_REUSEADDR, which servers set too, and no SO_REUSEPORT (which would share a port).
        if (OperatingSystem.IsWindows()) socket.ExclusiveAddressUse = true;
        // A server on [::] normally serves IPv4 too, so a taken IPv4 port counts as taken.
        if (address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(1);
            return null;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode;
        }
    }

    private async Task<Finding?> InUseAsync(IPAddress address, int port, string endpoint, string? bindError, CancellationToken cancellationToken)
    {
        var sockets = await _owners.GetOwnersAsync(new PortOwnerQuery([port], TransportProtocol.Tcp, PortStateFilter.All), cancellationToken).ConfigureAwait(false);
        var local = sockets.Where(s => s.LocalPort == port).ToList();
        var holders = local.Where(s => s.State == SocketState.Listen && Conflicts(s, address)).ToList();
        if (holders.Count == 0) holders = local.Where(s => Conflicts(s, address)).ToList();
        if (holders.Count == 0 && bindError is null) return null;

        var names = holders.Count == 0
            ? "another socket (not in the socket table any more)"
            : string.Join("; ", holders.Select(Describe).Distinct());
        var evidence = (bindError is null ? $"{endpoint} could not be bound to test it (permission denied)" : bindError)
            + (holders.Count == 0 ? "." : $"; sockets on port {port.ToString(CultureInfo.InvariantCulture)}: " + string.Join("; ", holders.Select(Evidence)) + ".");
        var remedy = holders.FirstOrDefault(h => h.Id is not null) is { } first
            ? $"Stop {first.ProcessName ?? "the process"} (PID {first.Id}) if it should not be running (Get-PortOwner {port.ToString(CultureInfo.InvariantCulture)} | Stop-Process -WhatIf), or configure the service to use another port."
            : null;
        return FindingCatalog.Create(FindingCodes.LocalPortInUse, $"{endpoint} is already in use: {names}.", evidence, remedy);
    }

    /// <summary>Does <paramref name="socket"/> keep a listener off <paramref name="wanted"/> on the same port?</summary>
    internal static bool Conflicts(PortOwner socket, IPAddress wanted)
    {
        var bound = socket.LocalAddress;
        if (bound.Equals(wanted)) return true;
        // A wildcard takes every address of its family; a dual-stack [::] takes the IPv4 ones too.
        // The probe binds [::] dual-stack, so it collides with any IPv4 socket as well.
        if (bound.Equals(IPAddress.Any)) return wanted.AddressFamily == AddressFamily.InterNetwork || wanted.Equals(IPAddress.IPv6Any);
        if (bound.Equals(IPAddress.IPv6Any)) return wanted.AddressFamily == AddressFamily.InterNetworkV6 || socket.IPv6Only != true;
        if (wanted.Equals(IPAddress.Any)) return bound.AddressFamily == AddressFamily.InterNetwork;
        if (wanted.Equals(IPAddress.IPv6Any)) return true;
        return false;
    }

    private static string Describe(PortOwner s)
    {
        var at = Target.Format(s.LocalAddress.ToString(), s.LocalPort);
        var verb = s.State == SocketState.Listen ? "already listens on" : $"holds ({s.State})";
        if (s.Id is { } pid) return $"{s.ProcessName ?? "process"} (PID {pid.ToString(CultureInfo.InvariantCulture)}) {verb} {at}";
        return s.OwnerVisible ? $"a socket without a process {verb} {at}" : $"a process of user {s.User ?? "?"} not visible to this user {verb} {at}";
    }

    // No command line here: findings end up in reports, and command lines can carry secrets (--api-key=...).
    private static string Evidence(PortOwner s) =>
        $"{s.Protocol} {Target.Format(s.LocalAddress.ToString(), s.LocalPort)} {s.State}"
        + (s.Id is { } pid ? $" PID {pid.ToString(CultureInfo.InvariantCulture)} {s.ProcessName}" : $" uid/user {s.User}");
}
