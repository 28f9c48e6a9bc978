using System.Globalization;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Cli.Tests;

/// <summary>
/// `conndiag dns` without @SERVER reads the nameservers of /etc/resolv.conf. Each test runs conndiag in a
/// private mount namespace (and network namespace) with its own resolv.conf bind-mounted over the real one,
/// which stays untouched: a dnsmasq on port 53 of the namespace's loopback, or nothing at all.
/// </summary>
public sealed class DnsSystemServerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("conndiag-cli-resolv-").FullName;

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    [LinuxRootFact("unshare", "ip", "dnsmasq")]
    public async Task The_nameservers_of_resolv_conf_are_asked()
    {
        var resolv = Path.Combine(_dir, "resolv.conf");
        File.WriteAllText(resolv, "# test\nnameserver 127.0.0.1\n");
        var pidFile = Path.Combine(_dir, "dnsmasq.pid");
        var script = $"""
            set -e
            ip link set lo up
            dnsmasq --port=53 --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts --pid-file={pidFile} --host-record=sys.claude.test,127.0.0.77
            mount --bind {resolv} /etc/resolv.conf
            set +e
            DOTNET_ROLL_FORWARD=Major {Dotnet} {Conndiag.DllPath} dns sys.claude.test
            status=$?
            kill $(cat {pidFile})
            exit $status
            """;

        var result = await Task.Run(() => ProcessRunner.Run("unshare", ["-mn", "sh", "-c", script], check: false, timeout: TimeSpan.FromSeconds(60)));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
        Assert.Contains("; conndiag dns sys.claude.test. A @127.0.0.1:53", result.StdOut);
        Assert.Contains("sys.claude.test.\t0\tIN\tA\t127.0.0.77", result.StdOut);
    }

    [LinuxRootFact("unshare")]
    public async Task No_nameserver_is_DNS_NO_SERVERS_and_no_public_resolver_is_asked()
    {
        var resolv = Path.Combine(_dir, "resolv.conf");
        File.WriteAllText(resolv, "search example.internal\noptions ndots:2\n");
        var script = $"mount --bind {resolv} /etc/resolv.conf && DOTNET_ROLL_FORWARD=Major exec {Dotnet} {Conndiag.DllPath} dns claude.test";

        // A new network namespace has no route anywhere: even a silent fallback could not leave it.
        var result = await Task.Run(() => ProcessRunner.Run("unshare", ["-mn", "sh", "-c", script], check: false, timeout: TimeSpan.FromSeconds(60)));

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
        Assert.Contains("  DNS.NO_SERVERS No DNS server is configured", result.StdOut);
        Assert.DoesNotContain(";; ATTEMPTS", result.StdOut);
    }

    [LinuxRootFact("unshare")]
    public async Task No_nameserver_with_json_prints_an_empty_array_and_the_finding_on_stderr()
    {
        var resolv = Path.Combine(_dir, "resolv.conf");
        File.WriteAllText(resolv, "");
        var script = $"mount --bind {resolv} /etc/resolv.conf && DOTNET_ROLL_FORWARD=Major exec {Dotnet} {Conndiag.DllPath} dns claude.test --json";

        var result = await Task.Run(() => ProcessRunner.Run("unshare", ["-mn", "sh", "-c", script], check: false, timeout: TimeSpan.FromSeconds(60)));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("[]", result.StdOut.Trim());
        Assert.StartsWith("conndiag: DNS.NO_SERVERS ", result.StdErr.Trim(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
