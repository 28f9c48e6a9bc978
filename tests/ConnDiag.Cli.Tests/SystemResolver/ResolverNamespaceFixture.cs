using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Cli.Tests.SystemResolver;

/// <summary>
/// A network namespace with dnsmasq on port 53 of its inner address (glibc's resolv.conf cannot name a port),
/// logging every query. conndiag runs inside it in a private mount namespace whose /etc/resolv.conf, /etc/hosts
/// and /etc/nsswitch.conf are bind-mounted test files (research/feasibility.md §1), so the C library itself
/// reads them; the host's files are never touched.
/// </summary>
/// <remarks>
/// Zone (198.18.N.0/24 is the namespace's veth subnet):
/// first.test and second.test answer NXDOMAIN for unknown names; short.second.test is 198.18.N.9;
/// override.test is 198.18.N.2 in DNS (a hosts file line gives 198.18.N.77); the names "nowhere" and
/// "nowhere.sub" (and below) are NXDOMAIN. 198.18.N.9 and .77 are addresses of the namespace with nothing
/// listening, so a connect there is refused at once; 198.18.N.53 has nothing on port 53 (a dead server).
/// </remarks>
public sealed class ResolverNamespaceFixture : NamespaceFixture, IDisposable
{
    private ChildProcess? _dnsmasq;

    public IPAddress Dns => Ns.InnerV4;
    public IPAddress ShortAddress => Ns.V4(9);
    public IPAddress HostsAddress => Ns.V4(77);
    public IPAddress DeadServer => Ns.V4(53);

    protected override void Configure(NetNamespace ns)
    {
        foreach (var host in new[] { 9, 77, 53 }) ns.AddInnerAddress(ns.V4(host));
        string[] args =
        [
            "netns", "exec", ns.Name, "dnsmasq", "--conf-file=/dev/null", "--no-daemon", "--port=53",
            $"--listen-address={ns.InnerV4}", "--bind-interfaces", "--no-resolv", "--no-hosts", "--pid-file=",
            "--log-queries", "--log-facility=-",
            "--local=/first.test/", "--local=/second.test/",
            $"--host-record=short.second.test,{ns.V4(9)}",
            $"--address=/override.test/{ns.InnerV4}",
            "--address=/nowhere/", "--address=/sub/",
        ];
        _dnsmasq = ChildProcess.Start("ip", args, "started, version");
    }

    /// <summary>The names dnsmasq was asked for (A or AAAA) that <paramref name="select"/> accepts, distinct, in the order first asked.</summary>
    public async Task<IReadOnlyList<string>> QueriedNamesAsync(Func<string, bool> select, int atLeast)
    {
        // dnsmasq writes its log a moment after it answers: wait (bounded) for the lines the caller knows must be there.
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var names = Regex.Matches(_dnsmasq!.Output, @"query\[(?:A|AAAA)\] (\S+) from")
                .Select(m => m.Groups[1].Value).Where(select).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (names.Count >= atLeast || sw.Elapsed > TimeSpan.FromSeconds(3)) return names;
            await Task.Delay(50);
        }
    }

    /// <summary>The dnsmasq log so far (for failure messages).</summary>
    public string DnsLog => _dnsmasq?.Output ?? "";

    /// <summary>
    /// Runs conndiag inside the namespace with the given files bind-mounted over /etc/resolv.conf, /etc/hosts and
    /// /etc/nsswitch.conf in a mount namespace of its own.
    /// </summary>
    public async Task<CliRun> RunAsync(SystemFiles files, params string[] args)
    {
        const string script = "mount --bind \"$1\" /etc/resolv.conf && mount --bind \"$2\" /etc/hosts && mount --bind \"$3\" /etc/nsswitch.conf && shift 3 && exec \"$@\"";
        var psi = new ProcessStartInfo("ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "netns", "exec", Ns.Name, "unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
                     files.ResolvConf, files.Hosts, files.Nsswitch,
                     Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Conndiag.DllPath })
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_ROLL_FORWARD"] = "Major";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The resolver must see only the files: no environment overrides of the search list or options.
        psi.Environment.Remove("LOCALDOMAIN");
        psi.Environment.Remove("RES_OPTIONS");
        psi.Environment.Remove("CONNDIAG_DEBUG");
        using var running = new RunningCli(Process.Start(psi) ?? throw new InvalidOperationException("ip netns exec did not start"));
        running.Process.StandardInput.Close();
        return await running.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>dnsmasq first, by its PID, then the namespace.</summary>
    public new void Dispose()
    {
        _dnsmasq?.Dispose();
        base.Dispose();
    }

    public string Format(string text) => text.Replace("{NS}", Ns.Slot.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

/// <summary>A resolv.conf, hosts and nsswitch.conf written to a temporary directory for one run.</summary>
public sealed class SystemFiles : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("conndiag-sysres-");

    public SystemFiles(string resolvConf, string hosts, string nsswitch)
    {
        ResolvConf = Write("resolv.conf", resolvConf);
        Hosts = Write("hosts", hosts);
        Nsswitch = Write("nsswitch.conf", nsswitch);
    }

    public string ResolvConf { get; }
    public string Hosts { get; }
    public string Nsswitch { get; }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
