using System.Text.RegularExpressions;

namespace ConnDiag.Dns.Configuration;

/// <summary>
/// Reads the <c>hosts:</c> line of nsswitch.conf as glibc (2.33 and later) does: leading white space skipped,
/// '#' starts a comment, the database name ends at white space or ':', and a later hosts line replaces an
/// earlier one. Without a hosts line glibc uses <c>dns [!UNAVAIL=return] files</c>.
/// </summary>
public static partial class NsswitchParser
{
    /// <summary>glibc's built-in order for hosts when nsswitch.conf has no hosts line (or does not exist).</summary>
    public const string DefaultHostsLine = "dns [!UNAVAIL=return] files";

    public static NsswitchHosts Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var warnings = new List<ConfigurationNote>();
        (int Line, string Services)? hosts = null;
        foreach (var (number, raw) in ConfigText.Lines(text))
        {
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash < 0 ? raw : raw[..hash]).TrimStart();
            var nameEnd = 0;
            while (nameEnd < line.Length && !char.IsWhiteSpace(line[nameEnd]) && line[nameEnd] != ':') nameEnd++;
            if (nameEnd == 0 || line[..nameEnd] != "hosts") continue;
            if (hosts is { } earlier)
            {
                warnings.Add(new ConfigurationNote($"a second hosts line: it replaces the one on line {earlier.Line}", source, number));
            }
            hosts = (number, line[nameEnd..].TrimStart(' ', '\t', '\r', ':'));
        }

        if (hosts is not { } found)
        {
            var order = ParseServices(DefaultHostsLine, $"glibc default (no hosts line in {source})", null, warnings);
            var notes = new List<ConfigurationNote>
            {
                new($"no hosts line: glibc asks DNS first and reads the hosts file only when DNS is unavailable ({DefaultHostsLine})", source, null),
            };
            return new NsswitchHosts(order, notes, warnings);
        }

        var services = ParseServices(found.Services, source, found.Line, warnings);
        if (services.Count == 0)
        {
            warnings.Add(new ConfigurationNote("the hosts line names no service; host names cannot be resolved", source, found.Line));
        }
        return new NsswitchHosts(services, Explain(services), warnings);
    }

    /// <summary>The order glibc uses when there is no nsswitch.conf at all.</summary>
    public static NsswitchHosts Missing(string source)
    {
        var result = Parse("", source);
        return result with { Notes = [new ConfigurationNote($"{source} does not exist: glibc asks DNS first and reads the hosts file only when DNS is unavailable ({DefaultHostsLine})", source, null)] };
    }

    private static List<LookupSource> ParseServices(string text, string source, int? line, List<ConfigurationNote> warnings)
    {
        var result = new List<(string Service, List<string> Actions)>();
        foreach (Match m in Token().Matches(text))
        {
            if (m.Groups["service"].Success)
            {
                result.Add((m.Groups["service"].Value, []));
                continue;
            }
            if (m.Groups["actions"].Success)
            {
                var items = ConfigText.Words(m.Groups["actions"].Value.Replace('\r', ' '));
                if (result.Count == 0)
                {
                    warnings.Add(new ConfigurationNote($"[{m.Groups["actions"].Value.Trim()}] comes before any service", source, line));
                    continue;
                }
                foreach (var item in items)
                {
                    if (!ActionItem().IsMatch(item))
                    {
                        warnings.Add(new ConfigurationNote($"'{item}' is not STATUS=ACTION (STATUS: success, notfound, unavail, tryagain; ACTION: return, continue, merge)", source, line));
                    }
                    result[^1].Actions.Add(item);
                }
                continue;
            }
            warnings.Add(new ConfigurationNote($"'{ConfigText.Show(m.Value)}' in the hosts line is neither a service name nor [STATUS=ACTION]", source, line));
        }
        return result.Select(r => new LookupSource(r.Service, r.Actions, source, line)).ToList();
    }

    private static List<ConfigurationNote> Explain(IReadOnlyList<LookupSource> order)
    {
        var notes = new List<ConfigurationNote>();
        var files = IndexOf(order, s => s.IsHostsFile);
        var dns = IndexOf(order, s => s.IsDns);
        if (order.Count == 0) return notes;
        var where = (order[0].Source, order[0].Line);
        if (files >= 0 && (dns < 0 || files < dns))
        {
            notes.Add(new ConfigurationNote("the hosts file is read before DNS: a name listed there never reaches a DNS server", where.Source, where.Line));
        }
        else if (files > dns && dns >= 0)
        {
            notes.Add(new ConfigurationNote($"DNS is asked before the hosts file ({order[dns].Service} comes first)", where.Source, where.Line));
        }
        else if (files < 0)
        {
            notes.Add(new ConfigurationNote("the hosts file is not in the lookup order (no 'files')", where.Source, where.Line));
        }
        foreach (var s in order)
        {
            var returnsOnNotFound = s.Actions.Any(a => a.Equals("NOTFOUND=return", StringComparison.OrdinalIgnoreCase));
            if (s.Service.StartsWith("mdns", StringComparison.Ordinal) && returnsOnNotFound)
            {
                notes.Add(new ConfigurationNote($"{s}: names under .local are resolved by multicast DNS only; a .local name it does not find never reaches DNS", s.Source, s.Line));
            }
            else if (s.Service == "resolve" && s.Actions.Any(a => a.Equals("!UNAVAIL=return", StringComparison.OrdinalIgnoreCase)))
            {
                notes.Add(new ConfigurationNote($"{s}: while systemd-resolved runs it answers every name (reading /etc/hosts itself); the services after it are used only when it is not running", s.Source, s.Line));
            }
            else if (s.Service == "myhostname")
            {
                notes.Add(new ConfigurationNote("myhostname: this machine's own name, localhost and _gateway resolve without DNS", s.Source, s.Line));
            }
        }
        return notes;
    }

    private static int IndexOf(IReadOnlyList<LookupSource> order, Func<LookupSource, bool> predicate)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (predicate(order[i])) return i;
        }
        return -1;
    }

    [GeneratedRegex(@"(?<service>[A-Za-z0-9_\-]+)|\[(?<actions>[^\]]*)\]|\S+")]
    private static partial Regex Token();

    [GeneratedRegex(@"^!?(?i:success|notfound|unavail|tryagain)=(?i:return|continue|merge)$")]
    private static partial Regex ActionItem();
}
