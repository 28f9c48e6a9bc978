using System.Globalization;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Services.Runtime;

namespace ConnDiag.Services.Checks;

/// <summary>What <c>systemctl show</c>'s state means as findings.</summary>
internal static class RuntimeCheck
{
    public static (IReadOnlyList<Finding> Findings, string Summary) Evaluate(string unitName, SystemctlState s)
    {
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"systemctl show {unitName}: LoadState={s.LoadState}, ActiveState={s.ActiveState}, SubState={s.SubState}, Result={s.Result}, NRestarts={s.RestartCount}, ExecMainStatus={s.ExecMainStatus}, MainPID={s.MainPid ?? 0}");
        if (s.LoadState is not null and not "loaded")
        {
            var summary = s.LoadState == "not-found"
                ? $"systemd has not loaded {unitName} (LoadState=not-found): run systemctl daemon-reload after adding or editing the file."
                : $"systemd cannot load {unitName} (LoadState={s.LoadState}).";
            return ([FindingCatalog.Create(FindingCodes.ServiceInactive, summary, evidence)], summary);
        }
        if (s.IsRunning)
        {
            var restarts = s.RestartCount is > 0 ? string.Create(CultureInfo.InvariantCulture, $", restarted {s.RestartCount} times") : "";
            return ([], $"{unitName} is {s.ActiveState} ({s.SubState}){restarts}, main PID {s.MainPid?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }
        var why = s.SubState == "auto-restart"
            ? string.Create(CultureInfo.InvariantCulture, $"{unitName} keeps failing and is waiting to restart (restart {s.RestartCount}; last result {s.Result}, exit status {s.ExecMainStatus}).")
            : string.Create(CultureInfo.InvariantCulture, $"{unitName} is {s.ActiveState} ({s.SubState}); last result {s.Result}, exit status {s.ExecMainStatus}.");
        return ([FindingCatalog.Create(FindingCodes.ServiceInactive, why, evidence,
            $"Read why with journalctl -u {unitName} -n 50 and systemctl status {unitName}, fix the cause, then systemctl restart {unitName}.")], why);
    }

    public static Finding Unchecked(string reason) =>
        FindingCatalog.Create(FindingCodes.ServiceRuntimeUnchecked, $"Runtime state not checked: {reason}.", reason);
}
