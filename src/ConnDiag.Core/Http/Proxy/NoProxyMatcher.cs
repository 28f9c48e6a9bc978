using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// A parsed NO_PROXY list and the decision "does this host bypass the proxy, and which entry says so".
/// </summary>
/// <remarks>
/// The rules are curl's (lib/noproxy.c, documented under ENVIRONMENT and <c>--noproxy</c>):
/// <list type="bullet">
/// <item>Only a list that is exactly <c>*</c> matches every host. A <c>*</c> among other entries, and
/// <c>*.example.com</c> style wildcards, never match in curl; they are kept as <see cref="NoProxyEntryKind.Ignored"/>
/// with a note.</item>
/// <item>A name matches itself and every name under it: <c>example.com</c> and <c>.example.com</c> both match
/// <c>example.com</c> and <c>a.example.com</c>, never <c>badexample.com</c>. Case-insensitive for ASCII letters only; one leading
/// dot and one trailing dot of an entry, and a trailing dot of the host, are ignored. Internationalised names
/// are compared as written (no IDNA conversion), as curl does.</item>
/// <item>A host that is an IP address is compared only with address and CIDR entries (IPv6 with or without
/// brackets); a name is never resolved to compare it with an address, so <c>localhost</c> does not match
/// <c>127.0.0.1</c>. curl reads a prefix of <c>/0</c> as "the whole address" (a single host), not as "everything",
/// and so does this matcher.</item>
/// </list>
/// Extensions beyond curl, each noted on the entry: entries are separated by commas and also by whitespace (curl
/// only splits on commas; Claude Code documents both), and <c>host:port</c> / <c>[v6]:port</c> entries match only
/// that port (curl never matches an entry with a port; Go and Node.js match it on that port).
/// </remarks>
public sealed class NoProxyMatcher
{
    /// <summary>Entries beyond this are ignored; a NO_PROXY list is a configuration value, not a data set.</summary>
    public const int MaxEntries = 4096;

    private const string PortNote = "limited to this port; curl never matches an entry with a port (Go and Node.js do, on that port)";

    private NoProxyMatcher(string? raw, IReadOnlyList<NoProxyEntry> entries, bool truncated)
    {
        Raw = raw;
        Entries = entries;
        Truncated = truncated;
    }

    /// <summary>An empty list: nothing bypasses the proxy.</summary>
    public static NoProxyMatcher Empty { get; } = new(null, [], false);

    /// <summary>The list as given (null when none was set).</summary>
    public string? Raw { get; }

    /// <summary>The entries in order.</summary>
    public IReadOnlyList<NoProxyEntry> Entries { get; }

    /// <summary>True when the list had more than <see cref="MaxEntries"/> entries and the rest were dropped.</summary>
    public bool Truncated { get; }

    /// <summary>True when the list is <c>*</c>.</summary>
    public bool MatchesEverything => Entries.Count == 1 && Entries[0].Kind == NoProxyEntryKind.Everything;

    /// <summary>Parses a NO_PROXY value (null or empty: an empty list).</summary>
    public static NoProxyMatcher Parse(string? list)
    {
        if (list is null) return Empty;
        var trimmed = list.Trim();
        if (trimmed == "*")
        {
            return new NoProxyMatcher(list, [new NoProxyEntry("*", NoProxyEntryKind.Everything, "*", null, null)], false);
        }
        var tokens = trimmed.Split([',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var entries = new List<NoProxyEntry>(Math.Min(tokens.Length, MaxEntries));
        foreach (var token in tokens.Take(MaxEntries))
        {
            entries.Add(ParseEntry(token));
        }
        return new NoProxyMatcher(list, entries, tokens.Length > MaxEntries);
    }

    /// <summary>
    /// The first entry that makes <paramref name="host"/> (a name, an IP literal, or <c>[v6]</c>) bypass the proxy
    /// for <paramref name="port"/>, or null when the proxy applies.
    /// </summary>
    public NoProxyEntry? Match(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (Entries.Count == 0) return null;
        if (MatchesEverything) return Entries[0];

        var h = host.Trim();
        if (h.Length == 0) return null;
        if (h.StartsWith('[') && h.EndsWith(']')) h = h[1..^1];
        var address = ParseStrictAddress(h);
        if (address is null) h = h.TrimEnd('.');

        foreach (var e in Entries)
        {
            if (e.Port is { } p && p != port) continue;
            var hit = e.Kind switch
            {
                NoProxyEntryKind.Domain => address is null && DomainMatches(e.Value!, h),
                NoProxyEntryKind.Address => address is not null && address.Equals(e.Address),
                NoProxyEntryKind.Network => address is not null && InNetwork(address, e.Address!, e.PrefixLength),
                _ => false,
            };
            if (hit) return e;
        }
        return null;
    }

    /// <summary>True when <paramref name="host"/> bypasses the proxy for <paramref name="port"/>.</summary>
    public bool Bypasses(string host, int port) => Match(host, port) is not null;

    /// <inheritdoc/>
    public override string ToString() => Raw ?? "";

    private static bool DomainMatches(string entry, string host) =>
        host.Length == entry.Length
            ? AsciiEqualsIgnoreCase(host, entry)
            : host.Length > entry.Length
              && host[host.Length - entry.Length - 1] == '.'
              && AsciiEqualsIgnoreCase(host.AsSpan(host.Length - entry.Length), entry);

    // curl folds ASCII letters only; an internationalised name must match byte for byte otherwise.
    private static bool AsciiEqualsIgnoreCase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && (!char.IsAsciiLetter(a[i]) || (a[i] | 0x20) != (b[i] | 0x20))) return false;
        }
        return true;
    }

    private static string AsciiLower(string s) => string.Create(s.Length, s, static (span, src) =>
    {
        for (var i = 0; i < src.Length; i++) span[i] = char.IsAsciiLetterUpper(src[i]) ? (char)(src[i] | 0x20) : src[i];
    });

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily) return false;
        Span<byte> a = stackalloc byte[16];
        Span<byte> n = stackalloc byte[16];
        address.TryWriteBytes(a, out var length);
        network.TryWriteBytes(n, out _);
        var full = prefix / 8;
        if (!a[..full].SequenceEqual(n[..full])) return false;
        var rest = prefix % 8;
        if (rest == 0 || full >= length) return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (a[full] & mask) == (n[full] & mask);
    }

    internal static NoProxyEntry ParseEntry(string token)
    {
        if (token == "*")
        {
            return Ignored(token, "'*' disables the proxy only when it is the whole list; among other entries curl ignores it");
        }
        if (token.StartsWith("*.", StringComparison.Ordinal))
        {
            return Ignored(token, $"curl does not expand '*.' wildcards, so this never matches; write '{token[1..]}' to match the domain and every name under it");
        }
        if (token.Contains('/')) return ParseNetwork(token);

        var hostPart = token;
        int? port = null;
        if (token.StartsWith('['))
        {
            var close = token.IndexOf(']');
            if (close < 0) return Ignored(token, "missing ']' after the IPv6 address");
            hostPart = token[1..close];
            var after = token[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':' || !TryPort(after[1..], out var p)) return Ignored(token, "expected ':PORT' after ']'");
                port = p;
            }
            if (ParseStrictAddress(hostPart) is not { AddressFamily: AddressFamily.InterNetworkV6 } v6)
            {
                return Ignored(token, $"'{hostPart}' in brackets is not an IPv6 address");
            }
            return Address(token, v6, port);
        }

        if (ParseStrictAddress(token) is { } ip) return Address(token, ip, null);

        var colon = token.LastIndexOf(':');
        if (colon > 0 && token.IndexOf(':') == colon)
        {
            if (!TryPort(token[(colon + 1)..], out var p)) return Ignored(token, $"'{token[(colon + 1)..]}' after ':' is not a port in 1-65535");
            port = p;
            hostPart = token[..colon];
            if (ParseStrictAddress(hostPart) is { } ipWithPort) return Address(token, ipWithPort, port);
        }
        else if (colon >= 0)
        {
            return Ignored(token, "not a host name, an IP address or a CIDR range");
        }

        var name = hostPart;
        if (name.EndsWith('.')) name = name[..^1];
        if (name.StartsWith('.')) name = name[1..];
        if (name.Length == 0) return Ignored(token, "an empty name matches nothing");
        return new NoProxyEntry(token, NoProxyEntryKind.Domain, AsciiLower(name), port, port is null ? null : PortNote);
    }

    private static NoProxyEntry Address(string token, IPAddress ip, int? port) =>
        new(token, NoProxyEntryKind.Address, ip.ToString(), port, port is null ? null : PortNote) { Address = ip, PrefixLength = FullLength(ip) };

    private static NoProxyEntry ParseNetwork(string token)
    {
        var slash = token.IndexOf('/');
        var addressText = token[..slash];
        if (addressText.StartsWith('[') && addressText.EndsWith(']')) addressText = addressText[1..^1];
        var bitsText = token[(slash + 1)..];
        if (ParseStrictAddress(addressText) is not { } network)
        {
            return Ignored(token, $"'{addressText}' is not an IP address, so this CIDR range matches nothing");
        }
        var max = FullLength(network);
        if (bitsText.Length is 0 or > 3 || !bitsText.All(char.IsAsciiDigit)
            || !int.TryParse(bitsText, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) || bits > max)
        {
            return Ignored(token, $"'/{bitsText}' is not a prefix length in 0-{max}, so curl matches nothing with it");
        }
        if (bits == 0)
        {
            // curl's cidr functions treat 0 bits as "compare the whole address".
            return new NoProxyEntry(token, NoProxyEntryKind.Network, $"{network}/{max}", null,
                $"curl reads '/0' as the single address {network}, not as every address") { Address = network, PrefixLength = max };
        }
        return new NoProxyEntry(token, NoProxyEntryKind.Network, $"{network}/{bits}", null, null) { Address = network, PrefixLength = bits };
    }

    private static NoProxyEntry Ignored(string token, string why) => new(token, NoProxyEntryKind.Ignored, null, null, why);

    private static int FullLength(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    private static bool TryPort(string text, out int port)
    {
        port = 0;
        return text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
    }

    /// <summary>
    /// An IPv4 address only in dotted-quad form (IPAddress.TryParse would read "10" or "1.2" as addresses, which
    /// inet_pton and curl do not), or any IPv6 address. A zone id (<c>%eth0</c>) is not accepted.
    /// </summary>
    internal static IPAddress? ParseStrictAddress(string text)
    {
        if (text.Length == 0 || text.Contains('%')) return null;
        if (text.Contains(':'))
        {
            return IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
        }
        var parts = text.Split('.');
        if (parts.Length != 4) return null;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit)) return null;
            if (int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255) return null;
        }
        return IPAddress.TryParse(text, out var v4) ? v4 : null;
    }
}
