using System.Diagnostics;
using System.Net;
using ConnDiag.Claude.Router;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Findings;
using ConnDiag.Model;
using static ConnDiag.Core.Tests.Claude.Router.RouterValidation;

namespace ConnDiag.Core.Tests.Claude.Router;

/// <summary>PORT against this machine's real sockets, the PID file against real processes, and v3 detection.</summary>
public class RouterLocalStateTests
{
    [LinuxFact]
    public async Task A_port_held_by_another_process_is_LOCAL_PORT_IN_USE_naming_its_PID()
    {
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        var port = TestSockets.PortOf(listener);
        using var files = new RouterConfigFiles();
        using var me = Process.GetCurrentProcess();

        var report = await new RouterConfigValidator(Options(checkPort: true)).ValidateAsync(files.Write(Config(extra: $"\"PORT\": {port}")));

        var f = Only(report, FindingCodes.LocalPortInUse);
        Assert.Equal((Layer.Local, Severity.Error), (f.Layer, f.Severity));
        Assert.Contains($"(PID {Environment.ProcessId}) already listens on 127.0.0.1:{port}", f.Summary);
        Assert.Contains(me.ProcessName, f.Summary);
        Assert.Equal(port, report.Port);
    }

    [LinuxFact]
    public async Task A_free_port_gives_no_finding()
    {
        using var files = new RouterConfigFiles();

        var report = await new RouterConfigValidator(Options(checkPort: true)).ValidateAsync(files.Write(Config(extra: $"\"PORT\": {TestSockets.FreePort()}")));

        Assert.Empty(report.Findings);
    }

    [LinuxFact]
    public async Task The_port_held_by_the_router_named_in_the_PID_file_is_not_a_conflict()
    {
        using var listener = TestSockets.Listen(IPAddress.Loopback);
        var port = TestSockets.PortOf(listener);
        using var files = new RouterConfigFiles();
        // This test process plays the running router: its PID is in the PID file and it holds the port.
        files.Write(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), LocalStateChecksPidName);

        var report = await new RouterConfigValidator(Options(checkPort: true)).ValidateAsync(files.Write(Config(extra: $"\"PORT\": {port}")));

        Assert.Empty(report.Findings);
    }

    private const string LocalStateChecksPidName = ".claude-code-router.pid";

    [Fact]
    public async Task A_PID_file_naming_an_exited_process_is_STALE_PID()
    {
        int pid;
        // A real process that has exited: `dotnet --version` runs everywhere the tests run.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        using (var child = Process.Start(new ProcessStartInfo(dotnet, "--version") { UseShellExecute = false, RedirectStandardOutput = true })!)
        {
            await child.StandardOutput.ReadToEndAsync();
            Assert.True(child.WaitForExit(30_000), "the child did not exit");
            pid = child.Id;
        }
        using var files = new RouterConfigFiles();
        files.Write(pid + "\n", LocalStateChecksPidName);

        var report = await new RouterConfigValidator(Options()).ValidateAsync(files.Write(Config()));

        var f = Only(report, FindingCodes.RouterStalePid);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains($"names PID {pid}, which is not running", f.Summary);
    }

    [Fact]
    public async Task A_PID_file_elsewhere_is_read_from_the_injected_path_and_garbage_is_STALE_PID()
    {
        using var files = new RouterConfigFiles();
        var pidFile = files.Write("not-a-pid", "other.pid");

        var report = await new RouterConfigValidator(Options() with { PidFilePath = pidFile }).ValidateAsync(files.Write(Config()));

        Assert.Contains("holds no process id", Only(report, FindingCodes.RouterStalePid).Summary);
    }

    [Fact]
    public async Task A_PID_file_of_a_live_process_is_fine()
    {
        using var files = new RouterConfigFiles();
        files.Write(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), LocalStateChecksPidName);

        Assert.Empty((await new RouterConfigValidator(Options()).ValidateAsync(files.Write(Config()))).Findings);
    }

    [Fact]
    public async Task Config_sqlite_beside_the_json_is_v3_and_the_json_is_not_validated()
    {
        using var files = new RouterConfigFiles();
        files.Write("SQLite format 3", "config.sqlite");
        // Broken JSON: v3 ignores it, so it must not be reported as a syntax error.
        var path = files.Write("{ not json");

        var report = await new RouterConfigValidator(Options()).ValidateAsync(path);

        Assert.Equal(RouterGeneration.V3, report.Generation);
        var f = Only(report, FindingCodes.RouterV3JsonIgnored);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("was read once, as a migration source", f.Summary);
        Assert.Single(report.Findings);
        Assert.Empty(report.Providers);
    }

    [Fact]
    public async Task V3_without_any_config_json_is_still_recognised()
    {
        using var files = new RouterConfigFiles();
        files.Write("SQLite format 3", "config.sqlite");

        var report = await new RouterConfigValidator(Options()).ValidateAsync(files.ConfigPath);

        Assert.Equal(RouterGeneration.V3, report.Generation);
        Assert.Contains("There is no config.json", Only(report, FindingCodes.RouterV3JsonIgnored).Summary);
    }
}
