using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Dns.Transport;

namespace ConnDiag.Core.Tests.Dns.Fixtures;

/// <summary>
/// dnsmasq as a child process on a free high loopback port (UDP and TCP), configured from lines of
/// dnsmasq.conf; stopped by PID on Dispose. Recipe: research/feasibility.md §1.
/// </summary>
public sealed class DnsmasqServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _dir;

    private DnsmasqServer(ChildProcess process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public DnsServer Udp => DnsServer.Udp(IPAddress.Loopback, Port);

    public DnsServer Tcp => DnsServer.Tcp(IPAddress.Loopback, Port);

    public string Output => _process.Output;

    /// <summary>A 200-byte TXT string repeated ten times: about 2.2 KB, more than the 1232-byte EDNS payload.</summary>
    public const string BigTxtName = "big.claude.test";

    public static readonly IReadOnlyList<string> BigTxtStrings =
        Enumerable.Range(1, 10).Select(i => $"{i:D2}" + new string((char)('a' + i), 198)).ToList();

    /// <summary>The test zone: addresses, CNAME chains, multi-string TXT, SRV, MX, NXDOMAIN, NODATA and REFUSED.</summary>
    public static IReadOnlyList<string> StandardZone { get; } =
    [
        "address=/claude.test/127.0.0.1",
        "address=/claude.test/::1",
        "host-record=host.claude.test,127.0.0.2,::2",
        "host-record=v4.claude.test,127.0.0.3",
        "cname=alias.claude.test,host.claude.test",
        "cname=alias2.claude.test,alias.claude.test",
        "txt-record=claude.test,\"v=spf1 -all\",\"second string\"",
        "srv-host=_https._tcp.claude.test,host.claude.test,8443,10,5",
        "mx-host=claude.test,mail.claude.test,10",
        "mx-host=claude.test,mx2.claude.test,20",
        "address=/nx.test/",
        "local=/local.test/",
        "host-record=exists.local.test,127.0.0.9",
        "host-record=v4only.local.test,127.0.0.10",
        .. BigTxtStrings.Select(s => $"txt-record={BigTxtName},\"{s}\""),
    ];

    public static DnsmasqServer Start(IEnumerable<string>? zone = null)
    {
        var lines = (zone ?? StandardZone).ToList();
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = LoopbackPorts.FreeUdpAndTcp();
            var dir = Directory.CreateTempSubdirectory("conndiag-dnsmasq-").FullName;
            var conf = Path.Combine(dir, "dnsmasq.conf");
            File.WriteAllLines(conf,
            [
                $"port={port}",
                "listen-address=127.0.0.1",
                "bind-interfaces",
                "no-resolv",
                "no-hosts",
                "no-poll",
                "pid-file=",
                "log-facility=-",
                .. lines,
            ]);
            try
            {
                var child = ChildProcess.Start("dnsmasq", ["--no-daemon", "--conf-file=" + conf], "started, version");
                return new DnsmasqServer(child, dir, port);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                // Most likely the port was taken between choosing and binding: choose again.
                last = ex;
                Directory.Delete(dir, recursive: true);
            }
        }
        throw new InvalidOperationException("dnsmasq did not start after 3 tries", last);
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}

/// <summary>One dnsmasq with the standard zone for a whole test class.</summary>
public sealed class DnsmasqFixture : IDisposable
{
    private readonly Lazy<DnsmasqServer> _server = new(() => DnsmasqServer.Start());

    /// <summary>Started on first use, so a test class whose tests all skip never needs dnsmasq.</summary>
    public DnsmasqServer Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated) _server.Value.Dispose();
    }
}
