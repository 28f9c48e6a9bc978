using System.Globalization;
using System.Net;

namespace ConnDiag.Model;

/// <summary>A host name or IP literal and a TCP/UDP port.</summary>
public sealed record Target(string Host, int Port)
{
    public const int MaxHostLength = 253;

    /// <summary>The host as an address when it is an IP literal, else null (a name to resolve).</summary>
    public IPAddress? Address => IPAddress.TryParse(Host, out var a) ? a : null;

    /// <summary><c>host:port</c>, with IPv6 literals in brackets.</summary>
    public override string ToString() => Format(Host, Port);

    public static string Format(string host, int port) =>
        host.Contains(':') ? $"[{host}]:{port.ToString(CultureInfo.InvariantCulture)}" : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Checks a host and port given separately (as the cmdlets bind them).</summary>
    public static bool TryCreate(string? host, int port, out Target? target, out string? error)
    {
        target = null;
        if (!TryValidateHost(host, out var clean, out error)) return false;
        if (!IsValidPort(port))
        {
            error = $"port {port.ToString(CultureInfo.InvariantCulture)} is out of range: use 1-65535";
            return false;
        }
        target = new Target(clean!, port);
        return true;
    }

    /// <summary>
    /// Parses <c>host:port</c>, <c>[v6]:port</c>, <c>http(s)://host[:port]/...</c>, or a bare host when
    /// <paramref name="defaultPort"/> is given. The error names the bad part and says what is expected.
    /// </summary>
    public static bool TryParse(string? text, int? defaultPort, out Target? target, out string? error)
    {
        target = null;
        if (!TryParseParts(text, out var host, out var port, out error)) return false;
        if (port is null && defaultPort is null)
        {
            error = $"'{text!.Trim()}': no port: expected HOST:PORT";
            return false;
        }
        target = new Target(host!, port ?? defaultPort!.Value);
        return true;
    }

    /// <summary>Splits and validates a target text; <paramref name="port"/> is null when the text has none.</summary>
    public static bool TryParseParts(string? text, out string? host, out int? port, out string? error)
    {
        host = null;
        port = null;
        error = null;
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            error = "empty target: expected HOST:PORT";
            return false;
        }
        if (s.Contains("://", StringComparison.Ordinal))
        {
            if (!TryParseUri(s, out var t, out error)) return false;
            (host, port) = (t!.Host, t.Port);
            return true;
        }

        string h;
        string? portText = null;
        if (s.StartsWith('['))
        {
            var close = s.IndexOf(']');
            if (close < 0)
            {
                error = $"'{s}': missing ']' after the IPv6 address";
                return false;
            }
            h = s[1..close];
            var rest = s[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    error = $"'{s}': expected ':PORT' after ']'";
                    return false;
                }
                portText = rest[1..];
            }
            if (!IPAddress.TryParse(h, out var a) || a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                error = $"'{s}': '{h}' in brackets is not an IPv6 address";
                return false;
            }
        }
        else
        {
            var colons = s.Count(c => c == ':');
            if (colons > 1)
            {
                // A bare IPv6 literal has no room for a port; write [addr]:port.
                h = s;
                if (!IPAddress.TryParse(h, out _))
                {
                    error = $"'{s}': not a host:port (write IPv6 addresses as [addr]:port)";
                    return false;
                }
            }
            else if (colons == 1)
            {
                var i = s.IndexOf(':');
                h = s[..i];
                portText = s[(i + 1)..];
            }
            else
            {
                h = s;
            }
        }

        if (portText is not null)
        {
            if (!TryParsePort(portText, out var p))
            {
                error = portText.Length == 0
                    ? $"'{s}': empty port after ':'"
                    : $"'{s}': port '{portText}' is not a number in 1-65535";
                return false;
            }
            port = p;
        }

        if (!TryValidateHost(h, out host, out var hostError))
        {
            error = $"'{s}': {hostError}";
            return false;
        }
        return true;
    }

    private static bool TryParseUri(string s, out Target? target, out string? error)
    {
        target = null;
        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{s}': not a valid URL";
            return false;
        }
        if (uri.Port < 1)
        {
            error = $"'{s}': scheme '{uri.Scheme}' has no default port: add :PORT";
            return false;
        }
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        target = new Target(host, uri.Port);
        error = null;
        return true;
    }

    public static bool IsValidPort(int port) => port is >= 1 and <= 65535;

    private static bool TryParsePort(string text, out int port)
    {
        port = 0;
        return text.Length is > 0 and <= 5
            && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && IsValidPort(port);
    }

    private static bool TryValidateHost(string? host, out string? clean, out string? error)
    {
        clean = host?.Trim();
        error = null;
        if (string.IsNullOrEmpty(clean))
        {
            error = "empty host name";
            return false;
        }
        if (IPAddress.TryParse(clean, out var ip) && (clean.Contains(':') || clean.Count(c => c == '.') == 3))
        {
            clean = ip.ToString();
            return true;
        }
        if (clean.Length > MaxHostLength)
        {
            error = $"host name is {clean.Length} characters long; the limit is {MaxHostLength}";
            return false;
        }
        clean = clean.TrimEnd('.');
        foreach (var label in clean.Split('.'))
        {
            if (label.Length == 0)
            {
                error = $"host name '{host}' has an empty label";
                return false;
            }
            if (label.Length > 63)
            {
                error = $"host name '{host}' has a label longer than 63 characters";
                return false;
            }
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
                {
                    error = $"host name '{host}' contains '{c}', which is not allowed in a host name";
                    return false;
                }
            }
        }
        return true;
    }
}
