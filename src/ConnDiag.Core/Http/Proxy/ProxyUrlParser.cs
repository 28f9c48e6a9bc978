using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ConnDiag.Secrets;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// Reads a proxy URL the way curl reads <c>--proxy</c> and the proxy environment variables:
/// <c>[scheme://][user[:password]@]host[:port][/]</c>. No scheme means http; the schemes are http, https,
/// socks4 (also <c>socks</c>), socks4a, socks5 and socks5h; anything else is an error, as in curl
/// ("Unsupported proxy scheme"). A missing port is 1080, or 443 for https. User and password are
/// percent-decoded. A path is ignored, as curl ignores it. Error messages show the text with its
/// credentials masked.
/// </summary>
public static class ProxyUrlParser
{
    /// <summary>Longest proxy text accepted; environment variables are not a place for kilobytes.</summary>
    public const int MaxLength = 2048;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong and what is expected.</summary>
    public static bool TryParse(string? text, out ProxyServer? server, out string? error)
    {
        server = null;
        var s = text?.Trim() ?? "";
        var shown = SecretMasker.MaskUrlCredentials(s);
        if (s.Length == 0)
        {
            error = "the proxy URL is empty: expected [http://|https://|socks5h://...][user:password@]host[:port]";
            return false;
        }
        if (s.Length > MaxLength)
        {
            error = $"the proxy URL is {s.Length} characters long; the limit is {MaxLength}";
            return false;
        }

        var scheme = ProxyScheme.Http;
        var rest = s;
        var schemeEnd = s.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            var name = s[..schemeEnd];
            if (!ProxySchemes.TryParse(name, out scheme))
            {
                error = $"'{shown}': unsupported proxy scheme '{name}': use http, https, socks4, socks4a, socks5 or socks5h";
                return false;
            }
            rest = s[(schemeEnd + 3)..];
        }

        ProxyCredentials? credentials = null;
        if (UserInfo.TryFind(rest, 0, out var userInfoEnd))
        {
            var userInfo = rest[..userInfoEnd];
            rest = rest[(userInfoEnd + 1)..];
            var colon = userInfo.IndexOf(':');
            var user = colon >= 0 ? userInfo[..colon] : userInfo;
            var password = colon >= 0 ? userInfo[(colon + 1)..] : null;
            if (user.Length == 0 && password is null)
            {
                error = $"'{shown}': '@' without a user name before it";
                return false;
            }
            credentials = new ProxyCredentials(Unescape(user), password is null ? null : Unescape(password));
        }
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd >= 0 ? rest[..authorityEnd] : rest;

        if (!TrySplitHostPort(authority, out var host, out var port, out var why))
        {
            error = $"'{shown}': {why}";
            return false;
        }
        var isDefault = port is null;
        server = new ProxyServer(scheme, host, port ?? ProxySchemes.DefaultPortFor(scheme), isDefault, credentials);
        error = null;
        return true;
    }

    private static string Unescape(string s)
    {
        try
        {
            return Uri.UnescapeDataString(s);
        }
        catch (UriFormatException)
        {
            return s;
        }
    }

    private static bool TrySplitHostPort(string authority, out string host, out int? port, out string? error)
    {
        host = "";
        port = null;
        error = null;
        string? portText = null;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                error = "missing ']' after the IPv6 address";
                return false;
            }
            host = authority[1..close];
            if (!IPAddress.TryParse(host, out var a) || a.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = $"'{host}' in brackets is not an IPv6 address";
                return false;
            }
            host = a.ToString();
            var after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = "expected ':PORT' after ']'";
                    return false;
                }
                portText = after[1..];
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            if (colon >= 0 && authority.IndexOf(':') != colon)
            {
                error = "write an IPv6 proxy address in brackets, e.g. http://[::1]:3128";
                return false;
            }
            host = colon >= 0 ? authority[..colon] : authority;
            portText = colon >= 0 ? authority[(colon + 1)..] : null;
            if (!IsHostName(host, out error)) return false;
            if (IPAddress.TryParse(host, out var ip) && host.Count(c => c == '.') == 3) host = ip.ToString();
        }

        if (portText is not null)
        {
            if (portText.Length is 0 or > 5 || !portText.All(char.IsAsciiDigit)
                || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                error = portText.Length == 0 ? "empty port after ':'" : $"port '{portText}' is not a number in 1-65535";
                return false;
            }
            port = p;
        }
        return true;
    }

    private static bool IsHostName(string host, out string? error)
    {
        error = null;
        if (host.Length == 0)
        {
            error = "no proxy host name";
            return false;
        }
        if (host.Length > 253)
        {
            error = $"the proxy host name is {host.Length} characters long; the limit is 253";
            return false;
        }
        foreach (var c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                error = $"the proxy host contains '{c}', which is not allowed in a host name";
                return false;
            }
        }
        return true;
    }
}
