using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace ConnDiag.Core.Tests.Ports;

/// <summary>
/// A non-loopback IPv4 address of this machine, for "reached through another local address" cases.
/// Uses one the machine has; when it has none, creates a dummy interface with 198.18.250.1/32 (needs root)
/// and deletes it on dispose. Kernels without the dummy driver get the /32 on lo instead, which is just as
/// local and just as non-loopback. Connects to it never leave the machine: the kernel delivers them locally.
/// CONNDIAG_TEST_CREATE_ADDRESS=1 skips the existing addresses, to exercise the creating path.
/// </summary>
public sealed class LocalInterfaceAddress : IDisposable
{
    private const string DummyName = "cdtest0";
    private const string Prefix = "198.18.250.1/32";
    private readonly string? _createdOn;
    private readonly IPAddress? _address;

    public LocalInterfaceAddress()
    {
        _address = Existing();
        if (_address is not null || !OperatingSystem.IsLinux()) return;
        try
        {
            Ip("link", "add", DummyName, "type", "dummy");
            _createdOn = DummyName;
            Ip("addr", "add", Prefix, "dev", DummyName);
            Ip("link", "set", DummyName, "up");
        }
        catch (InvalidOperationException) when (_createdOn is null)
        {
            Ip("addr", "add", Prefix, "dev", "lo");
            _createdOn = "lo";
        }
        _address = IPAddress.Parse("198.18.250.1");
    }

    public IPAddress Address => _address ?? throw new InvalidOperationException("this machine has no non-loopback IPv4 address and none could be created");

    private static IPAddress? Existing() =>
        Environment.GetEnvironmentVariable("CONNDIAG_TEST_CREATE_ADDRESS") == "1" ? null :
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a) && !a.ToString().StartsWith("169.254.", StringComparison.Ordinal));

    private static void Ip(params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var error = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(10_000)) p.Kill();
        if (p.ExitCode != 0) throw new InvalidOperationException($"ip {string.Join(' ', args)} failed: {error.Trim()}");
    }

    public void Dispose()
    {
        if (_createdOn == DummyName) Ip("link", "del", DummyName);
        else if (_createdOn == "lo") Ip("addr", "del", Prefix, "dev", "lo");
    }
}
