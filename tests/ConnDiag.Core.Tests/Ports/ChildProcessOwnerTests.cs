using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Ports;

namespace ConnDiag.Core.Tests.Ports;

/// <summary>A listener in another process: found by its PID and command line, not ours.</summary>
public class ChildProcessOwnerTests
{
    [LinuxFact("python3")]
    public async Task Python_http_server_is_found_by_its_pid_and_command_line()
    {
        await using var server = await PythonHttpServer.StartAsync(IPAddress.Loopback);

        var owner = Assert.Single(await PortOwnerFinder.FindAsync(PortOwnerQuery.Listeners(server.Port)));

        Assert.Equal(server.Pid, owner.Id);
        Assert.NotEqual(Environment.ProcessId, owner.Id);
        Assert.StartsWith("python", owner.ProcessName);
        Assert.Contains("http.server", owner.CommandLine);
        Assert.Contains($"--bind 127.0.0.1 {server.Port}", owner.CommandLine);
        Assert.Equal((IPAddress.Loopback, BindScope.Loopback, SocketState.Listen), (owner.LocalAddress, owner.BindScope, owner.State));
        Assert.True(owner.OwnerVisible);
    }

    [LinuxFact("python3")]
    public async Task Port_in_use_names_the_child_process()
    {
        await using var server = await PythonHttpServer.StartAsync(IPAddress.Loopback);

        var finding = await new PortAvailability().CheckAsync(IPAddress.Loopback, server.Port);

        Assert.NotNull(finding);
        Assert.Equal(ConnDiag.Findings.FindingCodes.LocalPortInUse, finding.Code);
        Assert.Contains($"(PID {server.Pid}) already listens on 127.0.0.1:{server.Port}", finding.Summary);
        Assert.Contains($"PID {server.Pid}", finding.Remedy);
    }
}
