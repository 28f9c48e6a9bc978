using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Dns.Configuration;

/// <summary>
/// Parses resolv.conf the way glibc does (resolv/res_init.c): keywords only in the first column and followed
/// by a space or tab; '#' or ';' in the first column starts a comment; at most three nameservers are used;
/// the last search or domain line sets the search list; LOCALDOMAIN replaces it and RES_OPTIONS is applied
/// after the file. Everything glibc silently ignores is reported as a warning with its line.
/// </summary>
public static class ResolvConfParser
{
    /// <summary>glibc's MAXNS: nameserver lines after the third are ignored.</summary>
    public const int MaxServers = 3;

    private static readonly string[] Keywords = ["nameserver", "domain", "search", "options", "sortlist"];

    /// <summary>Parses <paramref name="text"/> (the file's content; empty for a missing file).</summary>
    /// <param name="text">The file content.</param>
    /// <param name="source">The file name to attach to every value.</param>
    /// <param name="context">Environment and host name; <see cref="ResolvConfContext.None"/> for the file alone.</param>
    public static ResolvConfFile Parse(string text, string source, ResolvConfContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        context ??= ResolvConfContext.None;

        var notes = new List<ConfigurationNote>();
        var warnings = new List<ConfigurationNote>();
        var servers = new List<NameServerEntry>();
        var ignored = new List<NameServerEntry>();
        var comments = new List<SourceLine>();
        var options = new ResolverOptionsParser(warnings);
        List<SearchDomain>? search = null;
        var searchLines = new List<(int Line, string Keyword)>();
        var localDomain = context.LocalDomain is { } ld ? LocalDomainList(ld) : null;

        foreach (var (number, line) in ConfigText.Lines(text))
        {
            if (line.Length == 0) continue;
            if (line[0] is '#' or ';')
            {
                comments.Add(new SourceLine(number, line.TrimEnd('\r')));
                continue;
            }
            if (line.EndsWith('\r') && (ConfigText.StartsWithKeyword(line, "domain") || ConfigText.StartsWithKeyword(line, "search")))
            {
                warnings.Add(new ConfigurationNote("the line ends with a carriage return (Windows line ending); glibc keeps it as part of the last domain", source, number));
            }

            if (ConfigText.StartsWithKeyword(line, "domain") || ConfigText.StartsWithKeyword(line, "search"))
            {
                var keyword = line.StartsWith("domain", StringComparison.Ordinal) ? "domain" : "search";
                var rest = ConfigText.AfterKeyword(line, keyword);
                if (localDomain is not null)
                {
                    notes.Add(new ConfigurationNote($"this {keyword} line is overridden by the LOCALDOMAIN environment variable", source, number));
                    continue;
                }
                if (rest.Length == 0)
                {
                    warnings.Add(new ConfigurationNote($"'{keyword}' without a domain; glibc ignores the line", source, number));
                    continue;
                }
                var words = ConfigText.Words(rest);
                // domain keeps only its first word; search takes every word, even a '#' (no comments mid-line).
                var domains = keyword == "domain" ? words.Take(1) : words;
                search = domains.Select(d => new SearchDomain(d, source, number)).ToList();
                searchLines.Add((number, keyword));
                if (keyword == "search" && words.Any(w => w.StartsWith('#') || w.StartsWith(';')))
                {
                    warnings.Add(new ConfigurationNote("glibc has no comments after a search list: the '#' or ';' and every word after it are search domains", source, number));
                }
                continue;
            }

            if (ConfigText.StartsWithKeyword(line, "nameserver"))
            {
                var words = ConfigText.Words(ConfigText.AfterKeyword(line, "nameserver"));
                if (words.Length == 0)
                {
                    warnings.Add(new ConfigurationNote("'nameserver' without an address; glibc ignores the line", source, number));
                    continue;
                }
                // glibc reads the first word only; whatever follows is ignored.
                if (ParseServer(words[0], source, number) is not { } entry)
                {
                    var why = words[0].EndsWith('\r') ? " (it ends with a carriage return)" : "";
                    warnings.Add(new ConfigurationNote($"'{ConfigText.Show(words[0])}' is not an IP address{why}; glibc ignores this nameserver line", source, number));
                    continue;
                }
                if (servers.Count < MaxServers)
                {
                    servers.Add(entry);
                }
                else
                {
                    ignored.Add(entry);
                    warnings.Add(new ConfigurationNote($"nameserver {entry} is ignored: glibc uses only the first {MaxServers} nameserver lines", source, number));
                }
                continue;
            }

            if (ConfigText.StartsWithKeyword(line, "options"))
            {
                options.Apply(ConfigText.AfterKeyword(line, "options"), source, number);
                continue;
            }

            if (ConfigText.StartsWithKeyword(line, "sortlist"))
            {
                notes.Add(new ConfigurationNote("a sortlist is set: glibc reorders the addresses of an answer by these networks", source, number));
                continue;
            }

            ReportUnknown(line, source, number, warnings);
        }

        if (searchLines.Count > 1)
        {
            var last = searchLines[^1];
            foreach (var earlier in searchLines.Take(searchLines.Count - 1))
            {
                warnings.Add(new ConfigurationNote($"this {earlier.Keyword} line is overridden by the {last.Keyword} line {last.Line}: the last search or domain line wins", source, earlier.Line));
            }
        }

        if (localDomain is not null)
        {
            search = localDomain;
            notes.Add(new ConfigurationNote("the search list comes from the LOCALDOMAIN environment variable", "environment LOCALDOMAIN", null));
        }
        else if (search is null && DomainOf(context.HostName) is { } hostDomain)
        {
            // glibc's domain_from_hostname: with no search or domain line, the host name's domain is the search list.
            search = [new SearchDomain(hostDomain, "hostname", null)];
            notes.Add(new ConfigurationNote($"no search or domain line: glibc searches the host name's domain '{hostDomain}'", "hostname", null));
        }
        search ??= [];

        if (search.Count > 6)
        {
            notes.Add(new ConfigurationNote($"{search.Count} search domains: glibc before 2.26 used only the first 6", search[0].Source, search[0].Line));
        }

        if (context.ResOptions is { } resOptions)
        {
            options.Apply(resOptions, "environment RES_OPTIONS", null);
            notes.Add(new ConfigurationNote("options from the RES_OPTIONS environment variable apply after the file's", "environment RES_OPTIONS", null));
        }

        return new ResolvConfFile(source, servers, ignored, search, options.Build(), comments, notes, warnings);
    }

    /// <summary>A nameserver word as glibc accepts it: an IPv4 address (inet_aton forms) or IPv6 with an optional %zone.</summary>
    public static NameServerEntry? ParseServer(string word, string source, int? line)
    {
        if (word.Length == 0 || word.Contains('[', StringComparison.Ordinal)) return null;
        if (!word.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(word, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork && word.All(c => char.IsAsciiHexDigit(c) || c is '.' or 'x' or 'X')
                ? new NameServerEntry(v4, null, source, line)
                : null;
        }
        var percent = word.IndexOf('%', StringComparison.Ordinal);
        var addressText = percent < 0 ? word : word[..percent];
        var zone = percent < 0 ? null : word[(percent + 1)..];
        if (!addressText.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')) return null;
        if (!IPAddress.TryParse(addressText, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6) return null;
        if (!string.IsNullOrEmpty(zone))
        {
            // An interface name or number; glibc ignores a zone it cannot resolve, and so does the address here.
            if (IPAddress.TryParse(word, out var scoped) && scoped.AddressFamily == AddressFamily.InterNetworkV6) v6 = scoped;
        }
        return new NameServerEntry(v6, string.IsNullOrEmpty(zone) ? null : zone, source, line);
    }

    private static void ReportUnknown(string line, string source, int number, List<ConfigurationNote> warnings)
    {
        var trimmed = line.Trim(' ', '\t', '\r', '\f', '\v');
        if (trimmed.Length == 0) return;
        var first = ConfigText.Words(trimmed)[0].TrimEnd('\r');
        if (line[0] is ' ' or '\t')
        {
            var what = Keywords.Contains(first, StringComparer.Ordinal) ? $"this {first} line" : "this line";
            warnings.Add(new ConfigurationNote($"{what} starts with white space; glibc reads keywords only in the first column and ignores it", source, number));
        }
        else if (Keywords.Contains(first, StringComparer.Ordinal))
        {
            warnings.Add(new ConfigurationNote($"'{first}' without a value; glibc ignores the line", source, number));
        }
        else if (Keywords.FirstOrDefault(k => string.Equals(k, first, StringComparison.OrdinalIgnoreCase)) is { } keyword)
        {
            warnings.Add(new ConfigurationNote($"'{first}' is not '{keyword}': glibc's keywords are lower case, so it ignores the line", source, number));
        }
        else
        {
            warnings.Add(new ConfigurationNote($"unknown keyword '{ConfigText.Show(first)}'; glibc ignores the line", source, number));
        }
    }

    // LOCALDOMAIN: blank-separated domains, the value cut at a newline.
    private static List<SearchDomain> LocalDomainList(string value)
    {
        var cut = value.IndexOf('\n', StringComparison.Ordinal);
        if (cut >= 0) value = value[..cut];
        return ConfigText.Words(value).Select(d => new SearchDomain(d, "environment LOCALDOMAIN", null)).ToList();
    }

    private static string? DomainOf(string? hostName)
    {
        if (string.IsNullOrEmpty(hostName)) return null;
        var dot = hostName.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 || dot == hostName.Length - 1 ? null : hostName[(dot + 1)..];
    }
}
