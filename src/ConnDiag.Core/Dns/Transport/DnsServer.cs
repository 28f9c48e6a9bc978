using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ConnDiag.Dns.Transport;

/// <summary>
/// A DNS server to ask: an address and port for UDP/TCP, or a URL for DNS over HTTPS. Written as
/// <c>1.1.1.1</c>, <c>1.1.1.1:5353</c>, <c>[::1]:5353</c>, <c>udp://…</c>, <c>tcp://…</c> or
/// <c>https://host/dns-query</c> (the scheme convention of doggo). A bare address means UDP on port 53,
/// falling back to TCP when the answer is truncated.
/// </summary>
public sealed record DnsServer
{
    public const int DefaultPort = 53;
    public const string DefaultHttpsPath = "/dns-query";

    private DnsServer(DnsTransport transport, IPEndPoint? endPoint, Uri? url, string text)
    {
        Transport = transport;
        EndPoint = endPoint;
        Url = url;
        Text = text;
    }

    /// <summary>The transport the server was written with (UDP for a bare address).</summary>
    public DnsTransport Transport { get; }

    /// <summary>Address and port for UDP and TCP; null for HTTPS.</summary>
    public IPEndPoint? EndPoint { get; }

    /// <summary>The DoH URL; null for UDP and TCP.</summary>
    public Uri? Url { get; }

    /// <summary>How the server is shown: <c>127.0.0.1:5353</c>, <c>tcp://[::1]:53</c>, <c>https://host/dns-query</c>.</summary>
    public string Text { get; }

    /// <summary>The address and port alone (<c>127.0.0.1:53</c>, <c>[::1]:53</c>), or the URL.</summary>
    public string Address => EndPoint is { } ep ? Format(ep) : Url!.ToString();

    public override string ToString() => Text;

    public static DnsServer Udp(IPAddress address, int port = DefaultPort) => FromEndPoint(DnsTransport.Udp, new IPEndPoint(address, port));

    public static DnsServer Tcp(IPAddress address, int port = DefaultPort) => FromEndPoint(DnsTransport.Tcp, new IPEndPoint(address, port));

    /// <summary>The same server reached over another transport (a UDP server's TCP fallback).</summary>
    internal DnsServer Over(DnsTransport transport) =>
        transport == Transport || EndPoint is null ? this : FromEndPoint(transport, EndPoint);

    private static DnsServer FromEndPoint(DnsTransport transport, IPEndPoint ep) =>
        new(transport, ep, null, transport == DnsTransport.Tcp ? "tcp://" + Format(ep) : Format(ep));

    private static string Format(IPEndPoint ep) =>
        ep.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{ep.Address}]:{ep.Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{ep.Address}:{ep.Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses a server; throws <see cref="ArgumentException"/> with the reason.</summary>
    public static DnsServer Parse(string text) =>
        TryParse(text, out var server, out var error) ? server! : throw new ArgumentException(error, nameof(text));

    /// <summary>Parses a server as written on a command line; the error says what is wrong and what is expected.</summary>
    public static bool TryParse(string? text, out DnsServer? server, out string? error)
    {
        server = null;
        error = null;
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            error = "empty DNS server: expected an IP address, ADDRESS:PORT, udp://, tcp:// or https://HOST/PATH";
            return false;
        }
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return TryParseEndPoint(s, s, DnsTransport.Udp, out server, out error);

        var prefix = s[..scheme].ToLowerInvariant();
        var rest = s[(scheme + 3)..];
        switch (prefix)
        {
            case "udp":
                return TryParseEndPoint(s, rest, DnsTransport.Udp, out server, out error);
            case "tcp":
                return TryParseEndPoint(s, rest, DnsTransport.Tcp, out server, out error);
            case "https":
                return TryParseHttps(s, out server, out error);
            case "http":
                error = $"'{s}': DNS over HTTPS needs https:// (plain http would let anyone on the path read and change the answers)";
                return false;
            case "tls":
                error = $"'{s}': DNS over TLS is not supported yet; use udp://, tcp:// or https://";
                return false;
            default:
                error = $"'{s}': unknown scheme '{prefix}://': use udp://, tcp:// or https://";
                return false;
        }
    }

    private static bool TryParseEndPoint(string whole, string s, DnsTransport transport, out DnsServer? server, out string? error)
    {
        server = null;
        error = null;
        s = s.TrimEnd('/');
        string host;
        string? portText = null;
        var bracketed = s.StartsWith('[');
        if (bracketed)
        {
            var close = s.IndexOf(']');
            if (close < 0)
            {
                error = $"'{whole}': missing ']' after the IPv6 address";
                return false;
            }
            host = s[1..close];
            var after = s[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = $"'{whole}': expected ':PORT' after ']'";
                    return false;
                }
                portText = after[1..];
            }
        }
        else if (s.Count(c => c == ':') == 1)
        {
            var i = s.IndexOf(':');
            host = s[..i];
            portText = s[(i + 1)..];
        }
        else
        {
            // No colon, or a bare IPv6 address (which has no room for a port).
            host = s;
        }

        if (bracketed && IPAddress.TryParse(host, out var inBrackets) && inBrackets.AddressFamily != AddressFamily.InterNetworkV6)
        {
            error = $"'{whole}': '{host}' in brackets is not an IPv6 address (write IPv4 as ADDR:PORT)";
            return false;
        }
        if (!IPAddress.TryParse(host, out var address) || (address.AddressFamily == AddressFamily.InterNetwork && host.Count(c => c == '.') != 3))
        {
            error = host.Length == 0
                ? $"'{whole}': no address"
                : $"'{whole}': '{host}' is not an IP address; give the server's address (looking up a DNS server's name would need a DNS server), write IPv6 with a port as [ADDR]:PORT";
            return false;
        }
        var port = DefaultPort;
        if (portText is not null)
        {
            if (portText.Length is 0 or > 5 || !portText.All(char.IsAsciiDigit)
                || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                error = $"'{whole}': port '{portText}' is not a number in 1-65535";
                return false;
            }
        }
        server = FromEndPoint(transport, new IPEndPoint(address, port));
        return true;
    }

    private static bool TryParseHttps(string s, out DnsServer? server, out string? error)
    {
        server = null;
        error = null;
        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{s}': not a valid URL: expected https://HOST[:PORT]/PATH";
            return false;
        }
        if (uri.UserInfo.Length > 0)
        {
            error = $"'{s}': credentials in a DoH URL are not supported";
            return false;
        }
        if (uri.Fragment.Length > 0)
        {
            error = $"'{s}': a DoH URL has no #fragment";
            return false;
        }
        if (uri.AbsolutePath == "/" && !s.EndsWith('/'))
        {
            // https://dns.example is shorthand for the RFC 8484 example path.
            uri = new UriBuilder(uri) { Path = DefaultHttpsPath }.Uri;
        }
        server = new DnsServer(DnsTransport.Https, null, uri, uri.ToString());
        return true;
    }
}
