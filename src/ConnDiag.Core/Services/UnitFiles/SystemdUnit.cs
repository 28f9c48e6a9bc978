namespace ConnDiag.Services.UnitFiles;

/// <summary>
/// A unit as systemd assembles it: the unit file's assignments followed by each drop-in's, in order. Accessors
/// apply systemd's merge rules: for single-valued keys the last assignment wins (an empty one restores the
/// default); for list keys (ExecStart=, Environment=, After=...) assignments accumulate and an empty one clears
/// what came before it.
/// </summary>
/// <param name="Name">The unit name, e.g. <c>ccr.service</c>.</param>
/// <param name="Path">The unit file (the "fragment").</param>
/// <param name="DropIns">The drop-in files applied over it, in order.</param>
/// <param name="Settings">Every assignment in the order systemd reads them.</param>
/// <param name="Problems">Lines systemd cannot read, with file and line.</param>
/// <param name="Masked">True when the unit file is a symlink to /dev/null.</param>
public sealed record SystemdUnit(
    string Name,
    string Path,
    IReadOnlyList<string> DropIns,
    IReadOnlyList<UnitSetting> Settings,
    IReadOnlyList<UnitSyntaxProblem> Problems,
    bool Masked = false)
{
    /// <summary>The assignments of a list key that are in effect: those after its last empty assignment.</summary>
    public IReadOnlyList<UnitSetting> List(string section, string key)
    {
        var result = new List<UnitSetting>();
        foreach (var s in Matching(section, key))
        {
            if (s.Value.Length == 0) result.Clear();
            else result.Add(s);
        }
        return result;
    }

    /// <summary>The assignment of a single-valued key in effect, or null when unset (or reset to its default).</summary>
    public UnitSetting? Last(string section, string key)
    {
        var last = Matching(section, key).LastOrDefault();
        return last is null || last.Value.Length == 0 ? null : last;
    }

    /// <summary>The space-separated words of a list key (After=, Wants=...), each with the assignment it came from.</summary>
    public IReadOnlyList<(string Word, UnitSetting Setting)> Words(string section, string key) =>
        List(section, key)
            .SelectMany(s => s.Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(w => (w, s)))
            .ToList();

    /// <summary>Every file that contributed, unit file first.</summary>
    public IReadOnlyList<string> Files => [Path, .. DropIns];

    private IEnumerable<UnitSetting> Matching(string section, string key) =>
        Settings.Where(s => string.Equals(s.Section, section, StringComparison.Ordinal) && string.Equals(s.Key, key, StringComparison.Ordinal));
}
