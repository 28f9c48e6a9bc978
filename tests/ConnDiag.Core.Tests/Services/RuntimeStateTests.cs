using ConnDiag.Core.Tests.Fixtures;
using ConnDiag.Findings;
using ConnDiag.Services.Checks;
using ConnDiag.Services.Runtime;

namespace ConnDiag.Core.Tests.Services;

/// <summary>
/// `systemctl show` output in the format systemd 252 prints (this machine has no systemd as PID 1, so the real
/// command cannot run here): the parser and what each state means.
/// </summary>
public class RuntimeStateTests
{
    // systemctl show ccr.service -p LoadState,ActiveState,SubState,Result,NRestarts,ExecMainStatus,ExecMainCode,MainPID
    private const string Running = "MainPID=81234\nExecMainCode=0\nExecMainStatus=0\nResult=success\nNRestarts=2\nLoadState=loaded\nActiveState=active\nSubState=running\n";
    private const string Failed = "MainPID=0\nExecMainCode=1\nExecMainStatus=203\nResult=exit-code\nNRestarts=0\nLoadState=loaded\nActiveState=failed\nSubState=failed\n";
    private const string Restarting = "MainPID=0\nExecMainCode=1\nExecMainStatus=1\nResult=exit-code\nNRestarts=17\nLoadState=loaded\nActiveState=activating\nSubState=auto-restart\n";
    private const string NotFound = "MainPID=0\nExecMainCode=0\nExecMainStatus=0\nResult=success\nNRestarts=0\nLoadState=not-found\nActiveState=inactive\nSubState=dead\n";

    [Fact]
    public void The_show_output_is_parsed_key_by_key()
    {
        Assert.Equal(new SystemctlState("loaded", "active", "running", "success", 2, 0, 81234), SystemctlState.Parse(Running));
        var failed = SystemctlState.Parse(Failed.Replace("\n", "\r\n") + "Unknown=thing\nbroken line\n");
        Assert.Equal(new SystemctlState("loaded", "failed", "failed", "exit-code", 0, 203, null), failed);
    }

    [Fact]
    public void Running_passes_and_failed_restarting_or_unloaded_are_INACTIVE()
    {
        var (ok, summary) = RuntimeCheck.Evaluate("ccr.service", SystemctlState.Parse(Running));
        Assert.Empty(ok);
        Assert.Equal("ccr.service is active (running), restarted 2 times, main PID 81234", summary);

        var failed = Assert.Single(RuntimeCheck.Evaluate("ccr.service", SystemctlState.Parse(Failed)).Findings);
        Assert.Equal(FindingCodes.ServiceInactive, failed.Code);
        Assert.Equal("ccr.service is failed (failed); last result exit-code, exit status 203.", failed.Summary);
        Assert.Contains("journalctl -u ccr.service", failed.Remedy);

        Assert.Contains("keeps failing and is waiting to restart (restart 17", Assert.Single(RuntimeCheck.Evaluate("ccr.service", SystemctlState.Parse(Restarting)).Findings).Summary);
        Assert.Contains("systemctl daemon-reload", Assert.Single(RuntimeCheck.Evaluate("ccr.service", SystemctlState.Parse(NotFound)).Findings).Summary);
    }
}

/// <summary>The real systemctl on this machine, where systemd is not PID 1: its refusal is a clear error, not a hang.</summary>
public class SystemctlCommandTests
{
    [LinuxFact("systemctl")]
    public async Task Systemctl_show_without_systemd_fails_with_its_own_message()
    {
        if (SystemdRuntime.InitName() == "systemd") return; // with systemd as PID 1 the command succeeds; the parser tests cover it
        var ex = await Assert.ThrowsAsync<IOException>(() => SystemdRuntime.ShowAsync("ssh.service", CancellationToken.None));
        Assert.StartsWith("systemctl show failed (exit code 1): ", ex.Message);
        Assert.Contains("systemd", ex.Message.Split(": ", 2)[1]);
    }
}
