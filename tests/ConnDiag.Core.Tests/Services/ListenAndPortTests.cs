using System.Net;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Core.Tests.Services.Support;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Services;
using ConnDiag.Services.Checks;

namespace ConnDiag.Core.Tests.Services;

/// <summary>The listen comparison against real listeners (python3 -m http.server), and finding a unit from a port through a real cgroup.</summary>
public class ListenAndPortTests
{
    private static string Unit(string execStart, string environment = "") =>
        $"[Unit]\nWants=network-online.target\nAfter=network-online.target\n[Service]\n{environment}\nExecStart={execStart}\nUser=ccr\nRestart=on-failure\n";

    [LinuxFact("python3")]
    public async Task Configured_for_all_interfaces_while_the_listener_is_loopback_only_is_LISTEN_MISMATCH()
    {
        await using var server = await PythonHttpServer.StartAsync(IPAddress.Loopback);
        using var tree = new UnitTree();
        tree.Unit("web.service", Unit("/usr/bin/env node server.js", $"Environment=\"HOST=0.0.0.0\" PORT={server.Port}"));

        var r = await new SystemdUnitDiagnoser(tree.Options).TestNameAsync("web");

        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.ServiceListenMismatch);
        Assert.Contains($"configured to listen on all interfaces (HOST=0.0.0.0 at {tree.Root}/etc/systemd/system/web.service:5)", f.Summary);
        Assert.Contains($"127.0.0.1:{server.Port} is loopback only", f.Summary);
        var evidence = Assert.IsType<ListenEvidence>(r.StageNamed("listen")!.Evidence);
        Assert.Equal(server.Pid, Assert.Single(evidence.Listeners).Id);
        Assert.Equal(server.Port, r.Target.Port);
        Assert.Equal("listen", r.FailedStage);
    }

    [LinuxFact("python3")]
    public async Task A_listener_bound_as_configured_passes_and_a_port_nobody_holds_is_LISTEN_MISMATCH()
    {
        await using var server = await PythonHttpServer.StartAsync(IPAddress.Any);
        using var tree = new UnitTree();
        tree.Unit("ok.service", Unit($"/usr/bin/python3 -m http.server --bind 0.0.0.0 {server.Port}"));
        var free = TestSockets.FreePort();
        tree.Unit("down.service", Unit($"/usr/bin/python3 -m http.server --bind 127.0.0.1 {free}"));

        var ok = await new SystemdUnitDiagnoser(tree.Options).TestNameAsync("ok");
        var listen = ok.StageNamed("listen")!;
        Assert.Equal(Outcome.Pass, listen.Outcome);
        Assert.Equal($"0.0.0.0:{server.Port} listens as configured (0.0.0.0:{server.Port})", listen.Summary);

        var down = await new SystemdUnitDiagnoser(tree.Options).TestNameAsync("down");
        var f = Assert.Single(down.Findings, f => f.Code == FindingCodes.ServiceListenMismatch);
        Assert.Contains($"configured to listen on 127.0.0.1:{free} (http.server {free} in ExecStart at", f.Summary);
        Assert.Contains($"nothing listens on TCP port {free}", f.Summary);
    }

    [LinuxRootFact("python3")]
    public async Task A_port_leads_through_the_owner_cgroup_to_its_unit_file_and_its_real_listener()
    {
        await using var server = await ServiceListener.StartAsync("conndiag-web");
        var name = server.UnitName;
        using var tree = new UnitTree();
        var other = TestSockets.FreePort();
        var unitFile = tree.Unit(name, Unit($"/usr/bin/python3 -m http.server --bind 127.0.0.1 {other}"));

        var r = await new SystemdUnitDiagnoser(tree.Options).TestPortAsync(server.Port);

        Assert.Equal(name, r.Unit);
        Assert.Equal(unitFile, r.UnitFile);
        var lookup = Assert.IsType<UnitFileEvidence>(r.StageNamed("unit-file")!.Evidence).Lookup!;
        Assert.Equal((server.Port, server.Pid, name), (lookup.Port, lookup.Owner!.Id, lookup.Unit));
        Assert.Contains($"/{name}", lookup.Cgroup);
        // The unit says port `other`; its process (found by its cgroup) listens on the port given instead.
        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.ServiceListenMismatch);
        Assert.Contains($"configured for port {other}", f.Summary);
        Assert.Contains($"its processes listen on 127.0.0.1:{server.Port} instead", f.Summary);
        Assert.Contains(server.Pid, Assert.IsType<ListenEvidence>(r.StageNamed("listen")!.Evidence).ProcessIds);
    }

    [LinuxRootFact("python3")]
    public async Task A_port_held_by_another_process_than_the_units_is_LISTEN_MISMATCH()
    {
        await using var unitServer = await ServiceListener.StartAsync("conndiag-api");
        await using var intruder = await PythonHttpServer.StartAsync(IPAddress.Loopback);
        var name = unitServer.UnitName;
        using var tree = new UnitTree();
        tree.Unit(name, Unit("/usr/bin/env node server.js", $"Environment=PORT={intruder.Port}"));

        var r = await new SystemdUnitDiagnoser(tree.Options).TestNameAsync(name);

        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.ServiceListenMismatch);
        Assert.Contains($"port {intruder.Port} is held by 127.0.0.1:{intruder.Port} (PID {intruder.Pid} python3)", f.Summary);
        Assert.Contains($"not by the unit's processes (PIDs {unitServer.Pid})", f.Summary);
    }

    [LinuxFact("python3")]
    public async Task A_port_whose_process_is_in_no_service_or_that_nobody_holds_finds_no_unit()
    {
        await using var server = await PythonHttpServer.StartAsync(IPAddress.Loopback);
        using var tree = new UnitTree();

        var r = await new SystemdUnitDiagnoser(tree.Options).TestPortAsync(server.Port);
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ServiceUnitNotFound, f.Code);
        Assert.Contains($"PID {server.Pid} (python3) listening on 127.0.0.1:{server.Port} is not in a systemd service's cgroup", f.Summary);
        Assert.StartsWith($"/proc/{server.Pid}/cgroup: ", f.Evidence);
        Assert.Null(r.Unit);

        var free = TestSockets.FreePort();
        var none = await new SystemdUnitDiagnoser(tree.Options).TestPortAsync(free);
        Assert.Equal(FindingCodes.LocalNotListening, Assert.Single(none.Findings).Code);
        Assert.Equal(("localhost", free), (none.Target.Host, none.Target.Port));
        Assert.All(none.Stages.Skip(1), s => Assert.Equal(Outcome.Skipped, s.Outcome));
    }

    [LinuxRootFact("python3")]
    public async Task A_service_found_from_a_port_without_a_unit_file_is_UNIT_NOT_FOUND()
    {
        await using var server = await ServiceListener.StartAsync("conndiag-transient");
        var name = server.UnitName;
        using var tree = new UnitTree();

        var r = await new SystemdUnitDiagnoser(tree.Options).TestPortAsync(server.Port);

        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ServiceUnitNotFound, f.Code);
        Assert.Contains($"runs in {name}, but no unit file {name} is in the unit search path", f.Summary);
        Assert.Equal(name, r.Unit);
    }
}
