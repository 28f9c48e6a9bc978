using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Dns.Configuration;

/// <summary>
/// Which hosts-file lines answer a name before any DNS server is asked. The hosts file wins when the lookup
/// order lists <c>files</c> before <c>dns</c>/<c>resolve</c> (or no DNS service at all), and when
/// systemd-resolved (<c>resolve</c>) comes first, since it reads /etc/hosts itself before asking DNS. The name
/// is compared as given, case-insensitively, with the canonical name and aliases; no search list applies.
/// </summary>
public static class HostsOverride
{
    /// <summary>The hosts entries for <paramref name="name"/> that are used before DNS, in file order (the first answers first); empty when none.</summary>
    public static IReadOnlyList<HostsEntry> Find(string name, ResolverConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(config);
        if (ConsultedBeforeDns(config) is null) return [];
        return config.HostsEntries.Where(e => e.Matches(name)).ToList();
    }

    /// <summary>
    /// DNS.HOSTS_OVERRIDE for <paramref name="name"/>, naming the file and line, or null when DNS decides. Not for
    /// localhost and *.localhost: those belong in the hosts file (RFC 6761) and never reach DNS anyway.
    /// </summary>
    public static Finding? Check(string name, ResolverConfiguration config)
    {
        var entries = Find(name, config);
        if (entries.Count == 0 || IsLocalhost(name)) return null;
        var first = entries[0];
        var addresses = string.Join(", ", entries.Select(e => e.Address.ToString()).Distinct());
        var why = ConsultedBeforeDns(config)!;
        var lines = string.Join("; ", entries.Select(e => $"{ConfigurationLocation.Format(e.Source, e.Line)}: {e}"));
        return FindingCatalog.Create(FindingCodes.DnsHostsOverride,
            $"{name} is answered from the hosts file {ConfigurationLocation.Format(first.Source, first.Line)} ({addresses}); DNS is not asked.",
            $"{why}. Matching lines: {lines}.");
    }

    /// <summary>Why the hosts file is read before DNS under this lookup order, or null when it is not.</summary>
    private static string? ConsultedBeforeDns(ResolverConfiguration config)
    {
        var order = config.LookupOrder;
        var files = -1;
        var dns = -1;
        for (var i = 0; i < order.Count; i++)
        {
            if (files < 0 && order[i].IsHostsFile) files = i;
            if (dns < 0 && order[i].IsDns) dns = i;
        }
        var text = string.Join(' ', order.Select(s => s.ToString()));
        var at = order.Count > 0 ? ConfigurationLocation.Format(order[0].Source, order[0].Line) : "";
        if (files >= 0 && (dns < 0 || files < dns)) return $"Lookup order '{text}' ({at}) reads the hosts file before DNS";
        if (dns >= 0 && order[dns].Service == "resolve" && string.Equals(config.HostsPath, "/etc/hosts", StringComparison.Ordinal))
        {
            return $"Lookup order '{text}' ({at}) asks systemd-resolved first, which answers from /etc/hosts before asking DNS";
        }
        return null;
    }

    private static bool IsLocalhost(string name)
    {
        var n = name.TrimEnd('.');
        return n.Equals("localhost", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }
}
