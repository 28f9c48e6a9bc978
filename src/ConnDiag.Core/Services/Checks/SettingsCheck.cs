using System.Globalization;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Services.Checks;

/// <summary>Restart=, LimitNOFILE= and User=: settings that decide whether the service stays up and can serve.</summary>
internal static class SettingsCheck
{
    private const int MaxPasswdBytes = 4 * 1024 * 1024;

    public static IReadOnlyList<Finding> Run(UnitCheckContext c, bool networkService)
    {
        var findings = new List<Finding>();
        Restart(c, networkService, findings);
        OpenFiles(c, findings);
        User(c, findings);
        return findings;
    }

    private static void Restart(UnitCheckContext c, bool networkService, List<Finding> findings)
    {
        if (!networkService || c.ServiceType == "oneshot") return;
        var restart = c.Unit.Last("Service", "Restart");
        if (restart is not null && restart.Value != "no") return;
        findings.Add(FindingCatalog.Create(FindingCodes.ServiceRestartDisabled,
            restart is null
                ? $"{c.Unit.Name} listens on the network but sets no Restart= (the default is no): if it crashes, the port stays closed."
                : $"{c.Unit.Name} listens on the network but has Restart=no ({restart.Location}): if it crashes, the port stays closed.",
            restart is null ? "No Restart= in " + string.Join(", ", c.Unit.Files) + "." : $"Restart=no at {restart.Location}."));
    }

    private static void OpenFiles(UnitCheckContext c, List<Finding> findings)
    {
        var limit = c.Unit.Last("Service", "LimitNOFILE");
        if (limit is null) return;
        var soft = limit.Value.Split(':')[0].Trim();
        if (soft == "infinity") return;
        if (!long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ServiceUnitSyntax,
                $"{limit.Location}: LimitNOFILE={limit.Value} is not a number, SOFT:HARD or infinity: systemd ignores it.", $"LimitNOFILE={limit.Value}"));
            return;
        }
        if (value >= c.Options.MinOpenFiles) return;
        findings.Add(FindingCatalog.Create(FindingCodes.ServiceNofileLow,
            string.Create(CultureInfo.InvariantCulture, $"{limit.Location}: LimitNOFILE={limit.Value} lets {c.Unit.Name} open only {value} files and sockets at once."),
            string.Create(CultureInfo.InvariantCulture, $"LimitNOFILE={limit.Value}; the soft limit {value} is below {c.Options.MinOpenFiles}.")));
    }

    private static void User(UnitCheckContext c, List<Finding> findings)
    {
        var dynamic = c.Unit.Last("Service", "DynamicUser");
        if (dynamic is not null && dynamic.Value is "yes" or "true" or "on" or "1") return;
        var user = c.Unit.Last("Service", "User");
        if (user is null || user.Value is "root" or "0")
        {
            findings.Add(FindingCatalog.Create(FindingCodes.ServiceRunsAsRoot,
                user is null ? $"{c.Unit.Name} sets no User=, so it runs as root." : $"{user.Location}: User={user.Value}: {c.Unit.Name} runs as root.",
                user is null ? "No User= or DynamicUser= in " + string.Join(", ", c.Unit.Files) + "." : $"User={user.Value} at {user.Location}."));
            return;
        }
        if (user.Value.All(char.IsAsciiDigit) || user.Value.Contains('%', StringComparison.Ordinal)) return;
        var names = PasswdNames(c.Options.PasswdPath);
        if (names is null || names.Contains(user.Value)) return;
        findings.Add(FindingCatalog.Create(FindingCodes.ServiceUserMissing,
            $"{user.Location}: User={user.Value}, but {c.Options.PasswdPath} has no user '{user.Value}'.",
            $"{c.Options.PasswdPath} lists {names.Count} users; users only NSS knows (LDAP, sssd) are not seen here."));
    }

    /// <summary>User names in a passwd file, or null when it cannot be read (then nothing is claimed).</summary>
    private static HashSet<string>? PasswdNames(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxPasswdBytes) return null;
            return File.ReadLines(path).Select(l => l.Split(':')[0]).Where(n => n.Length > 0 && !n.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
