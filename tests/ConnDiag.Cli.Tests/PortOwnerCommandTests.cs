using System.Text.Json;
using System.Text.RegularExpressions;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;

namespace ConnDiag.Cli.Tests;

/// <summary>
/// `conndiag port-owner` as a whole process. These need the platform's port-owner source: on a branch
/// where it is not implemented yet they fail (PlatformNotSupportedException → exit 1), by design.
/// </summary>
public class PortOwnerCommandTests
{
    [LinuxFact]
    public async Task A_port_the_test_listens_on_is_owned_by_the_test_process()
    {
        using var open = new OpenPort();

        var run = await Conndiag.RunAsync("port-owner", open.Port.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^PROTO\s+LOCAL\s+REMOTE\s+STATE\s+PID\s+PROCESS\s+USER\s+SCOPE", run.StdoutLines[0]);
        Assert.Contains(run.StdoutLines, l => Regex.IsMatch(l,
            $@"^TCP\s+127\.0\.0\.1:{open.Port}\s+\*\s+Listen\s+{Environment.ProcessId}\s+.+\s+Loopback\b"));
        Assert.All(run.StdoutLines, l => Assert.True(l.Length <= 80, $"longer than 80 columns: {l}"));
        // Our own command line (cut at the width), in a COMMAND column or on the line under the row.
        var ownCommand = File.ReadAllText("/proc/self/cmdline").Replace('\0', ' ').Trim();
        Assert.Contains(ownCommand[..Math.Min(20, ownCommand.Length)], run.Stdout);
    }

    [LinuxFact]
    public async Task Json_lists_the_owner_with_pid_scope_and_enum_strings()
    {
        using var open = new OpenPort();

        var run = await Conndiag.RunAsync("port-owner", open.Port.ToString(), "--tcp", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var owner = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("Tcp", owner.GetProperty("protocol").GetString());
        Assert.Equal("127.0.0.1", owner.GetProperty("localAddress").GetString());
        Assert.Equal(open.Port, owner.GetProperty("localPort").GetInt32());
        Assert.Equal("Listen", owner.GetProperty("state").GetString());
        Assert.Equal(Environment.ProcessId, owner.GetProperty("id").GetInt32());
        Assert.Equal("Loopback", owner.GetProperty("bindScope").GetString());
        Assert.True(owner.GetProperty("ownerVisible").GetBoolean());
    }

    [LinuxFact]
    public async Task Every_listener_is_listed_when_no_port_is_given()
    {
        using var open = new OpenPort();

        var run = await Conndiag.RunAsync("port-owner", "--tcp");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.StdoutLines, l => Regex.IsMatch(l, $@"^TCP\s+127\.0\.0\.1:{open.Port}\s"));
    }

    [LinuxFact]
    public async Task A_free_port_exits_1_with_LOCAL_NOT_LISTENING()
    {
        using var free = new ClosedPort();

        var run = await Conndiag.RunAsync("port-owner", "--tcp", free.Port.ToString());

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"  LOCAL.NOT_LISTENING Nothing on this machine listens on TCP port {free.Port}.", run.StdoutLines);
        Assert.Contains(run.StdoutLines, l => l.StartsWith("    → ", StringComparison.Ordinal));
    }

    [LinuxFact]
    public async Task A_free_port_in_json_mode_keeps_stdout_an_array_and_names_the_finding_on_stderr()
    {
        using var free = new ClosedPort();

        var run = await Conndiag.RunAsync("port-owner", free.Port.ToString(), "--tcp", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(0, doc.RootElement.GetArrayLength());
        Assert.Contains($"LOCAL.NOT_LISTENING Nothing on this machine listens on TCP port {free.Port}.", run.Stderr);
    }
}
