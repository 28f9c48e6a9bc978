using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ConnDiag.Findings;
using ConnDiag.Ports;

namespace ConnDiag.Claude.Router;

/// <summary>
/// What the machine says about the router: its PID file (ROUTER.STALE_PID when the process is gone) and
/// whether PORT is free (LOCAL.PORT_IN_USE unless the holder is the router named by the PID file).
/// </summary>
internal static class LocalStateChecks
{
    public const string PidFileName = ".claude-code-router.pid";

    /// <summary>The running router's PID from the PID file, or null; STALE_PID when the file names a dead process.</summary>
    public static int? RouterPid(RouterConfigContext c)
    {
        var file = c.Options.PidFilePath ?? Path.Combine(c.Directory, PidFileName);
        string text;
        try
        {
            if (!File.Exists(file)) return null;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[64];
            var n = stream.Read(buffer, 0, buffer.Length);
            text = Encoding.ASCII.GetString(buffer, 0, n).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            c.Add(FindingCodes.RouterStalePid, $"The router's PID file {file} holds no process id.", $"{file} holds {text.Length} characters that are not a PID.");
            return null;
        }
        var alive = (c.Options.ProcessAlive ?? IsAlive)(pid);
        if (alive) return pid;
        c.Add(FindingCodes.RouterStalePid, $"The router's PID file {file} names PID {pid}, which is not running: the router is not running.",
            $"{file} = {pid}; no process {pid} exists.");
        return null;
    }

    internal static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    public static async Task PortAsync(RouterConfigContext c, int port, string host, int? routerPid, CancellationToken cancellationToken)
    {
        if (!c.Options.CheckPort || BindAddress(host) is not { } address) return;
        IPortOwnerSource owners;
        try
        {
            owners = c.Options.PortOwners ?? PortOwnerFinder.ForCurrentPlatform();
        }
        catch (PlatformNotSupportedException)
        {
            return;
        }
        try
        {
            if (routerPid is { } pid)
            {
                // The router named by the PID file holding its own port is the expected state, not a conflict.
                var sockets = await owners.GetOwnersAsync(new PortOwnerQuery([port], TransportProtocol.Tcp, PortStateFilter.Listen), cancellationToken).ConfigureAwait(false);
                if (sockets.Any(s => s.LocalPort == port && s.Id == pid)) return;
            }
            if (await new PortAvailability(owners).CheckAsync(address, port, cancellationToken).ConfigureAwait(false) is { } inUse) c.Add(inUse);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or PlatformNotSupportedException)
        {
            // HOST is not an address of this machine, or the table cannot be read: nothing to say about the port here.
        }
    }

    private static IPAddress? BindAddress(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        return IPAddress.TryParse(host.Trim('[', ']'), out var a) ? a : null;
    }
}
