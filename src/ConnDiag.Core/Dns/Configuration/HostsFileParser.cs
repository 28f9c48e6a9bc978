using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Dns.Configuration;

/// <summary>
/// Parses a hosts file as glibc's files backend does: '#' starts a comment anywhere, fields are separated by
/// white space, the first field must be an IPv4 address in dotted-quad form or an IPv6 address (inet_pton:
/// no shorthand like 127.1, no %zone), then the canonical name and its aliases. Lines glibc skips are reported,
/// not dropped silently.
/// </summary>
public static class HostsFileParser
{
    public static HostsFile Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var entries = new List<HostsEntry>();
        var warnings = new List<ConfigurationNote>();
        foreach (var (number, line) in ConfigText.Lines(text))
        {
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var content = hash < 0 ? line : line[..hash];
            var fields = content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            if (ParseAddress(fields[0]) is not { } address)
            {
                var why = fields[0].Contains('%', StringComparison.Ordinal) ? " (a %zone is not allowed here)" : "";
                warnings.Add(new ConfigurationNote($"'{ConfigText.Show(fields[0])}' is not an IPv4 or IPv6 address{why}; the line is ignored", source, number));
                continue;
            }
            if (fields.Length == 1)
            {
                warnings.Add(new ConfigurationNote($"{address} has no host name; the line is ignored", source, number));
                continue;
            }
            entries.Add(new HostsEntry(address, fields[1], fields[2..], source, number));
        }
        return new HostsFile(source, entries, warnings);
    }

    /// <summary>inet_pton's rules: IPv4 as exactly four decimal parts 0-255 without leading zeros, or IPv6 without a zone.</summary>
    public static IPAddress? ParseAddress(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (!text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')) return null;
            return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
        }
        var parts = text.Split('.');
        if (parts.Length != 4) return null;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit)) return null;
            if (part.Length > 1 && part[0] == '0') return null;
            if (int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255) return null;
        }
        return IPAddress.Parse(text);
    }
}
