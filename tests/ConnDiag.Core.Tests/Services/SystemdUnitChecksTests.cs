using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Core.Tests.Services.Support;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Services;

namespace ConnDiag.Core.Tests.Services;

/// <summary>Each unit-file check against unit files the test writes in a temporary root.</summary>
public class SystemdUnitChecksTests
{
    private static async Task<SystemdUnitReport> TestAsync(UnitTree tree, string name) =>
        await new SystemdUnitDiagnoser(tree.Options).TestNameAsync(name);

    private static string[] Codes(SystemdUnitReport r) => r.Findings.Select(f => f.Code).ToArray();

    private static string Good(UnitTree tree, string unit = "", string service = "") =>
        $"[Unit]\nDescription=test\nWants=network-online.target\nAfter=network-online.target\n{unit}\n[Service]\nExecStart={tree.Program("opt/app/server")} --flag\nUser=ccr\nRestart=on-failure\n{service}\n[Install]\nWantedBy=multi-user.target\n";

    [LinuxFact]
    public async Task A_sound_unit_passes_every_file_stage_and_says_the_runtime_was_not_checked()
    {
        using var tree = new UnitTree();
        tree.Unit("good.service", Good(tree));

        var r = await TestAsync(tree, "good");

        Assert.Equal("good.service", r.Unit);
        Assert.Equal(["unit-file", "exec", "ordering", "settings", "runtime", "listen"], r.Stages.Select(s => s.Stage));
        Assert.All(r.Stages.Take(4), s => Assert.Equal(Outcome.Pass, s.Outcome));
        Assert.Equal(Outcome.Pass, r.Outcome);
        Assert.True(r.IsHealthy);
        if (ConnDiag.Services.Runtime.SystemdRuntime.InitName() != "systemd")
        {
            var runtime = r.StageNamed("runtime")!;
            Assert.Equal(Outcome.Skipped, runtime.Outcome);
            var f = Assert.Single(runtime.Findings);
            Assert.Equal(FindingCodes.ServiceRuntimeUnchecked, f.Code);
            Assert.Equal(Severity.Info, f.Severity);
            Assert.Contains($"systemd is not running (PID 1 is {File.ReadAllText("/proc/1/comm").Trim()})", f.Summary);
        }
    }

    [LinuxFact]
    public async Task A_missing_unit_is_UNIT_NOT_FOUND_naming_the_directories_searched()
    {
        using var tree = new UnitTree();
        var r = await TestAsync(tree, "ghost");
        var f = Assert.Single(r.Findings);
        Assert.Equal(FindingCodes.ServiceUnitNotFound, f.Code);
        Assert.Contains(Path.Combine(tree.Root, "etc/systemd/system"), f.Evidence);
        Assert.Equal("unit-file", r.FailedStage);
        Assert.All(r.Stages.Skip(1), s => Assert.Equal(Outcome.Skipped, s.Outcome));
    }

    [LinuxFact]
    public async Task Garbage_lines_are_UNIT_SYNTAX_with_file_and_line()
    {
        using var tree = new UnitTree();
        var path = tree.Unit("junk.service", Good(tree).Replace("User=ccr", "User=ccr\nthis line is garbage"));
        var r = await TestAsync(tree, "junk");
        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.ServiceUnitSyntax);
        Assert.StartsWith($"{path}:9: 'this line is garbage' has no '='", f.Summary);
        Assert.Equal("unit-file", r.FailedStage);
    }

    [LinuxFact]
    public async Task Wants_network_online_without_After_and_After_network_target_are_ORDERING()
    {
        using var tree = new UnitTree();
        tree.Unit("a.service", Good(tree).Replace("After=network-online.target", "After=network.target"));
        tree.Unit("b.service", Good(tree).Replace("After=network-online.target\n", ""));
        tree.Unit("c.service", Good(tree).Replace("Wants=network-online.target\n", ""));
        tree.Unit("d.service", Good(tree).Replace("Wants=network-online.target\nAfter=network-online.target\n", "After=network.target\n"));

        var a = Assert.Single((await TestAsync(tree, "a")).Findings, f => f.Code == FindingCodes.ServiceOrdering);
        Assert.Contains("ordered After=network.target", a.Summary);
        Assert.Equal(Severity.Warning, a.Severity);
        var b = Assert.Single((await TestAsync(tree, "b")).Findings, f => f.Code == FindingCodes.ServiceOrdering);
        Assert.Contains("Wants=network-online.target (", b.Summary);
        Assert.Contains("without After=network-online.target", b.Summary);
        var c = Assert.Single((await TestAsync(tree, "c")).Findings, f => f.Code == FindingCodes.ServiceOrdering);
        Assert.Contains("without Wants=network-online.target", c.Summary);
        Assert.DoesNotContain(FindingCodes.ServiceOrdering, Codes(await TestAsync(tree, "d")));
    }

    [LinuxFact]
    public async Task A_missing_program_a_non_executable_one_and_a_relative_path_are_EXEC_MISSING_but_the_dash_prefix_skips()
    {
        using var tree = new UnitTree();
        var notExec = tree.Program("opt/app/noexec", executable: false);
        const string missing = "/opt/app/missing";
        tree.Unit("e.service", Good(tree, service: $"ExecStartPre={missing} --prepare\nExecStartPost={notExec}\nExecStartPre=bin/relative\nExecStartPre=-{missing}-optional\nExecStartPre=sh -c true"));

        var r = await TestAsync(tree, "e");

        var exec = r.Findings.Where(f => f.Code == FindingCodes.ServiceExecMissing).Select(f => f.Summary).ToList();
        Assert.Equal(3, exec.Count);
        Assert.Contains(exec, s => s.Contains($"runs {missing}, which does not exist"));
        Assert.Contains(exec, s => s.Contains($"runs {notExec}, which is not executable"));
        Assert.Contains(exec, s => s.Contains("runs bin/relative, which is a relative path"));
        Assert.DoesNotContain(exec, s => s.Contains("-optional"));
        var lines = Assert.IsAssignableFrom<IReadOnlyList<ConnDiag.Services.Checks.ExecLine>>(r.StageNamed("exec")!.Evidence);
        var optional = Assert.Single(lines, l => l.Program.EndsWith("-optional"));
        Assert.True(optional.IgnoreFailure);
        Assert.Equal("does not exist", optional.Problem);
        Assert.Equal("/usr/bin/sh", Assert.Single(lines, l => l.Program == "sh").ResolvedPath);
        Assert.Equal(Outcome.Fail, r.StageNamed("exec")!.Outcome);
    }

    [LinuxFact]
    public async Task A_drop_in_replacing_ExecStart_needs_the_empty_reset_line()
    {
        using var tree = new UnitTree();
        var replacement = tree.Program("opt/app/v2");
        tree.Unit("upgraded.service", Good(tree));
        var reset = tree.DropIn("upgraded.service", "override.conf", $"[Service]\nExecStart=\nExecStart={replacement} --port 9\n");
        tree.Unit("added.service", Good(tree));
        var added = tree.DropIn("added.service", "override.conf", $"[Service]\nExecStart={replacement} --port 9\n");

        var good = await TestAsync(tree, "upgraded");
        Assert.DoesNotContain(FindingCodes.ServiceUnitInvalid, Codes(good));
        Assert.Equal([reset], good.DropIns);
        var main = Assert.IsAssignableFrom<IReadOnlyList<ConnDiag.Services.Checks.ExecLine>>(good.StageNamed("exec")!.Evidence).Single(l => l.Directive == "ExecStart");
        Assert.Equal((replacement, reset + ":3"), (main.ResolvedPath, main.Source));

        var bad = await TestAsync(tree, "added");
        var f = Assert.Single(bad.Findings, f => f.Code == FindingCodes.ServiceUnitInvalid);
        Assert.Contains("2 ExecStart= lines but Type=simple", f.Summary);
        Assert.Contains($"({added}:2)", f.Remedy);
        Assert.Contains($"{added}:2: {replacement} --port 9", f.Evidence);
    }

    [LinuxFact]
    public async Task A_unit_without_ExecStart_and_a_masked_unit_are_UNIT_INVALID()
    {
        using var tree = new UnitTree();
        tree.Unit("empty.service", "[Unit]\nDescription=nothing to run\n[Service]\nUser=ccr\n");
        var masked = Path.Combine(tree.Root, "etc/systemd/system/masked.service");
        File.CreateSymbolicLink(masked, "/dev/null");

        Assert.Contains("has no ExecStart=", Assert.Single((await TestAsync(tree, "empty")).Findings, f => f.Code == FindingCodes.ServiceUnitInvalid).Summary);
        var m = await TestAsync(tree, "masked");
        Assert.Contains("is masked", Assert.Single(m.Findings).Summary);
        Assert.Contains("systemctl unmask masked.service", Assert.Single(m.Findings).Remedy);
    }

    [LinuxFact]
    public async Task A_required_EnvironmentFile_that_is_missing_is_ENV_FILE_MISSING_and_an_optional_one_is_not()
    {
        using var tree = new UnitTree();
        const string required = "/etc/default/required";
        tree.Unit("env.service", Good(tree, service: $"EnvironmentFile={required}\nEnvironmentFile=-/etc/default/optional"));

        var r = await TestAsync(tree, "env");

        var f = Assert.Single(r.Findings, f => f.Code == FindingCodes.ServiceEnvFileMissing);
        Assert.Contains($"EnvironmentFile={required} is required", f.Summary);
        Assert.DoesNotContain("optional", string.Join(" ", r.Findings.Select(x => x.Summary)));
        var evidence = Assert.IsType<UnitFileEvidence>(r.StageNamed("unit-file")!.Evidence);
        Assert.Equal([(required, false, false), ("/etc/default/optional", true, false)], evidence.EnvironmentFiles.Select(e => (e.Path, e.Optional, e.Exists)));
    }

    [LinuxFact]
    public async Task Restart_no_on_a_network_service_low_LimitNOFILE_unknown_and_root_users_are_reported()
    {
        using var tree = new UnitTree();
        tree.Unit("net.service", Good(tree, service: "Environment=PORT=1\nRestart=no\nLimitNOFILE=1024:524288").Replace("User=ccr", "User=nobody-here"));
        tree.Unit("root.service", Good(tree).Replace("User=ccr\n", ""));
        tree.Unit("explicit-root.service", Good(tree).Replace("User=ccr", "User=root"));
        tree.Unit("plenty.service", Good(tree, service: "LimitNOFILE=infinity\nDynamicUser=yes").Replace("User=ccr", "User=ghost"));

        var net = await TestAsync(tree, "net");
        Assert.Contains("has Restart=no", Assert.Single(net.Findings, f => f.Code == FindingCodes.ServiceRestartDisabled).Summary);
        Assert.Contains("only 1024 files", Assert.Single(net.Findings, f => f.Code == FindingCodes.ServiceNofileLow).Summary);
        var user = Assert.Single(net.Findings, f => f.Code == FindingCodes.ServiceUserMissing);
        Assert.Contains($"User=nobody-here, but {tree.Passwd} has no user 'nobody-here'", user.Summary);
        Assert.Equal(Outcome.Fail, net.StageNamed("settings")!.Outcome);

        var root = await TestAsync(tree, "root");
        var info = Assert.Single(root.Findings, f => f.Code == FindingCodes.ServiceRunsAsRoot);
        Assert.Equal(Severity.Info, info.Severity);
        Assert.Contains("sets no User=", info.Summary);
        Assert.Contains("User=root", Assert.Single((await TestAsync(tree, "explicit-root")).Findings, f => f.Code == FindingCodes.ServiceRunsAsRoot).Summary);

        var plenty = await TestAsync(tree, "plenty");
        Assert.DoesNotContain(plenty.Findings, f => f.Code is FindingCodes.ServiceNofileLow or FindingCodes.ServiceUserMissing or FindingCodes.ServiceRunsAsRoot);
        // Not a network service as far as the files say (no listen setting): no restart warning either.
        Assert.DoesNotContain(FindingCodes.ServiceRestartDisabled, Codes(await TestAsync(tree, "root")));
    }

    [LinuxFact]
    public async Task Secret_environment_values_never_appear_in_the_report()
    {
        using var tree = new UnitTree();
        const string key = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789";
        var envFile = tree.File("etc/default/secret", $"ANTHROPIC_API_KEY={key}\n");
        tree.Unit("secret.service", Good(tree, service: $"EnvironmentFile={envFile}\nExecStartPre=/nonexistent/check --key ${{ANTHROPIC_API_KEY}}\nEnvironment=DB_PASSWORD=hunter2hunter2"));

        var r = await TestAsync(tree, "secret");

        var json = System.Text.Json.JsonSerializer.Serialize(r, ConnDiag.Serialization.ConnDiagJson.Options);
        Assert.DoesNotContain(key, json);
        Assert.DoesNotContain("hunter2hunter2", json);
        Assert.Contains(FindingCodes.ServiceExecMissing, Codes(r));
        Assert.Contains("ANTHROPIC_API_KEY", json);
    }
}
