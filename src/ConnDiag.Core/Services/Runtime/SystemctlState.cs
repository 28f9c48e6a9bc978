using System.Globalization;

namespace ConnDiag.Services.Runtime;

/// <summary>
/// What <c>systemctl show NAME -p LoadState,ActiveState,SubState,Result,NRestarts,ExecMainStatus,ExecMainCode,MainPID</c>
/// reports (one <c>Key=Value</c> per line).
/// </summary>
/// <param name="LoadState">loaded, not-found, masked, error...</param>
/// <param name="ActiveState">active, inactive, failed, activating, deactivating, reloading.</param>
/// <param name="SubState">running, dead, failed, auto-restart, exited...</param>
/// <param name="Result">success, exit-code, signal, core-dump, timeout, start-limit-hit...</param>
/// <param name="RestartCount">NRestarts: automatic restarts since the unit was last started by hand.</param>
/// <param name="ExecMainStatus">Exit status (or signal number) of the main process's last run.</param>
/// <param name="MainPid">MainPID; null when 0 (not running).</param>
public sealed record SystemctlState(
    string? LoadState,
    string? ActiveState,
    string? SubState,
    string? Result,
    int? RestartCount,
    int? ExecMainStatus,
    int? MainPid)
{
    /// <summary>The properties asked of systemctl, in one -p list.</summary>
    public const string Properties = "LoadState,ActiveState,SubState,Result,NRestarts,ExecMainStatus,ExecMainCode,MainPID";

    /// <summary>Parses systemctl show output; unknown keys are ignored, bad numbers read as null.</summary>
    public static SystemctlState Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var eq = line.IndexOf('=');
            if (eq > 0) values[line[..eq]] = line[(eq + 1)..].TrimEnd('\r');
        }
        string? Text(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        int? Number(string key) => Text(key) is { } v && int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
        var pid = Number("MainPID");
        return new SystemctlState(Text("LoadState"), Text("ActiveState"), Text("SubState"), Text("Result"),
            Number("NRestarts"), Number("ExecMainStatus"), pid is > 0 ? pid : null);
    }

    /// <summary>True when the service runs (active/running, or active/exited for a oneshot that succeeded).</summary>
    public bool IsRunning => ActiveState is "active" or "reloading";
}
