using System.Net;
using System.Text.Json;
using ConnDiag.Cli.Tests.Fixtures;
using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Ports;
using ConnDiag.Core.Tests.Services.Support;

namespace ConnDiag.Cli.Tests.Unit;

/// <summary>`conndiag unit` as a whole process over unit trees the test writes, real listeners and real cgroups.</summary>
public sealed class UnitCommandTests : IDisposable
{
    private readonly UnitTree _tree = new();

    public void Dispose() => _tree.Dispose();

    internal static string Sound(string execStart, string service = "") =>
        $"[Unit]\nWants=network-online.target\nAfter=network-online.target\n[Service]\nExecStart={execStart}\nUser=ccr\nRestart=on-failure\n{service}\n";

    [LinuxFact]
    public async Task A_drop_in_that_adds_a_second_ExecStart_fails_with_the_files_and_the_fix()
    {
        var unit = _tree.Unit("ccr.service", Sound(_tree.Program("opt/ccr/bin/ccr") + " start"));
        var dropIn = _tree.DropIn("ccr.service", "override.conf", "[Service]\nExecStart=/usr/bin/env ccr start --port 3456\n");

        var run = await Conndiag.RunAsync("unit", "ccr", "--root", _tree.Root);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("ccr.service  Fail at exec  ", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains($"  file: {unit}", run.StdoutLines);
        Assert.Contains($"  drop-in: {dropIn}", run.StdoutLines);
        Assert.Contains(run.StdoutLines, l => l.StartsWith("  SERVICE.UNIT_INVALID (Error) ccr.service has 2 ExecStart= lines", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.Contains($"put an empty ExecStart= line before it", StringComparison.Ordinal) && l.Contains(dropIn + ":2", StringComparison.Ordinal));
        Assert.Equal("", run.Stderr);
    }

    [LinuxFact]
    public async Task A_sound_unit_file_by_path_exits_0_with_warnings_and_the_runtime_note_allowed()
    {
        var path = _tree.Write("work/api.service", Sound("/usr/bin/env true", "LimitNOFILE=512"));

        var run = await Conndiag.RunAsync("unit", "--path", path, "--root", _tree.Root);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("api.service  Warn  ", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains(run.StdoutLines, l => l.StartsWith("  SERVICE.NOFILE_LOW (Warning) ", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.StartsWith("  exec      Pass ", StringComparison.Ordinal) && l.EndsWith("ExecStart runs /usr/bin/env", StringComparison.Ordinal));
    }

    [LinuxFact]
    public async Task Json_is_one_report_object_with_stages_and_no_secret()
    {
        const string key = "sk-ant-api03-0123456789abcdefghijklmnopqrstuvwxyz";
        var env = _tree.File("etc/default/api", $"ANTHROPIC_API_KEY={key}\nPORT={TestSockets.FreePort()}\n");
        _tree.Unit("api.service", Sound($"/usr/bin/env node server.js --api-key ${{ANTHROPIC_API_KEY}}", $"EnvironmentFile={env}"));

        var run = await Conndiag.RunAsync("unit", "api.service", "--root", _tree.Root, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain(key, run.Stdout);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal("api.service", root.GetProperty("unit").GetString());
        Assert.Equal("Fail", root.GetProperty("outcome").GetString());
        Assert.Equal("listen", root.GetProperty("failedStage").GetString());
        Assert.Equal(["unit-file", "exec", "ordering", "settings", "runtime", "listen"], root.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        Assert.Contains("SERVICE.LISTEN_MISMATCH", root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
    }

    [LinuxRootFact("python3")]
    public async Task A_port_leads_to_the_service_in_its_cgroup_and_its_listener_as_configured()
    {
        await using var server = await ServiceListener.StartAsync("conndiag-cli");
        var name = server.UnitName;
        _tree.Unit(name, Sound($"/usr/bin/python3 -m http.server --bind 127.0.0.1 {server.Port}"));

        var run = await Conndiag.RunAsync("unit", "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--root", _tree.Root);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"{name}  Pass  ", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains(run.StdoutLines, l => l.StartsWith("  listen    Pass ", StringComparison.Ordinal) && l.EndsWith($"127.0.0.1:{server.Port} listens as configured (127.0.0.1:{server.Port})", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("help", "unit")]
    [InlineData("unit", "--help")]
    public async Task Help_names_every_option_and_stage(params string[] args)
    {
        var run = await Conndiag.RunAsync(args);
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var word in new[] { "--path", "--port", "--root", "--json", "SERVICE.ORDERING", "SERVICE.LISTEN_MISMATCH", "network-online.target" })
        {
            Assert.Contains(word, run.Stdout);
        }
        var general = await Conndiag.RunAsync("--help");
        Assert.Contains("conndiag unit NAME|--path F|--port N", general.Stdout);
    }

    [LinuxFact]
    public async Task Bad_input_is_one_line_on_stderr_and_exit_2()
    {
        var binary = _tree.Write("bin.service", "[Service]\nExecStart=/bin/true\n\0\u0001");
        var cases = new (string[] Args, string Message)[]
        {
            (["unit"], "'conndiag unit' needs a unit: NAME, --path FILE or --port N"),
            (["unit", "a", "--port", "80"], "NAME and --port both give the unit: pass one"),
            (["unit", "--port", "0"], "invalid --port '0'"),
            (["unit", "--port", "http"], "invalid --port 'http'"),
            (["unit", "a/b"], "'a/b' is not a unit name"),
            (["unit", "sshd.socket"], "'sshd.socket' is not a service unit"),
            (["unit", "--path", Path.Combine(_tree.Root, "missing.service")], $"{Path.Combine(_tree.Root, "missing.service")} does not exist"),
            (["unit", "--path", _tree.Root], "is a directory, not a unit file"),
            (["unit", "--path", binary], $"{binary}:3: contains a NUL byte"),
            (["unit", "x", "--bogus"], "unknown option '--bogus' for 'conndiag unit'"),
        };
        foreach (var (args, message) in cases)
        {
            var run = await Conndiag.RunAsync(args);
            Assert.True(run.ExitCode == 2, $"{string.Join(' ', args)}: {run}");
            Assert.Equal("", run.Stdout);
            var line = Assert.Single(run.StderrLines);
            Assert.StartsWith("conndiag: ", line, StringComparison.Ordinal);
            Assert.Contains(message, line, StringComparison.Ordinal);
        }
    }
}
