using System.Text.Json;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Services.Support;
using ConnDiag.Services;
using ConnDiag.Services.Runtime;

namespace ConnDiag.Cli.Tests;

/// <summary>docs/json.md's `conndiag unit --json` tables against the real output.</summary>
public partial class JsonDocumentationTests
{
    [LinuxFact]
    public async Task Unit_report_properties_match_the_real_output()
    {
        using var tree = new UnitTree();
        var env = tree.File("etc/default/web", $"PORT={ConnDiag.Core.Tests.Ports.TestSockets.FreePort()}\n");
        tree.Unit("web.service", Unit.UnitCommandTests.Sound("/usr/bin/env node server.js --host 0.0.0.0", $"EnvironmentFile={env}\nEnvironmentFile=-/nonexistent/optional\nExecStartPre=-/nonexistent/prepare"));

        var run = await Conndiag.RunAsync("unit", "web", "--root", tree.Root, "--json");
        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        var stages = root.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!);
        var unitFile = stages["unit-file"].GetProperty("evidence");
        var listen = stages["listen"].GetProperty("evidence");

        AssertSameNames("Unit report", Names(root));
        AssertSameNames("Stage result", stages.Values.SelectMany(Names));
        AssertSameNames("Unit file evidence", Names(unitFile));
        AssertSameNames("Unit setting", unitFile.GetProperty("settings").EnumerateArray().SelectMany(Names));
        AssertSameNames("Environment variable", unitFile.GetProperty("environment").EnumerateArray().SelectMany(Names));
        AssertSameNames("Environment file", unitFile.GetProperty("environmentFiles").EnumerateArray().SelectMany(Names));
        AssertSameNames("Exec line", stages["exec"].GetProperty("evidence").EnumerateArray().SelectMany(Names));
        AssertSameNames("Listen evidence", Names(listen));
        AssertSameNames("Listen config", Names(listen.GetProperty("configured")));
        AssertSameNames("Finding", root.GetProperty("findings").EnumerateArray().SelectMany(Names));
    }

    [LinuxFact]
    public async Task Unit_lookup_properties_match_the_real_output()
    {
        // The test process listens; it is in no systemd service, so the lookup stops at its cgroup.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var tree = new UnitTree();

        var run = await Conndiag.RunAsync("unit", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--root", tree.Root, "--json");
        Assert.True(run.ExitCode == 1, run.ToString());
        using var doc = JsonDocument.Parse(run.Stdout);
        var lookup = doc.RootElement.GetProperty("stages")[0].GetProperty("evidence").GetProperty("lookup");

        AssertSameNames("Unit lookup", Names(lookup));
        AssertSameNames("Port owner", Names(lookup.GetProperty("owner")));
    }

    [Fact]
    public void Systemctl_state_properties_match_what_the_serializer_writes()
    {
        // Serialized in process: systemctl show cannot run where systemd is not PID 1.
        var state = SystemctlState.Parse("LoadState=loaded\nActiveState=failed\nSubState=failed\nResult=exit-code\nNRestarts=3\nExecMainStatus=203\nMainPID=0\n");
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(state, JsonOutput.Options));

        AssertSameNames("Systemctl state", Names(doc.RootElement));
    }

    [Fact]
    public void Unit_report_enum_values_are_the_engine_enum_names()
    {
        Documented_enum_values_are_the_engine_enum_names("Unit report", typeof(SystemdUnitReport));
    }
}
