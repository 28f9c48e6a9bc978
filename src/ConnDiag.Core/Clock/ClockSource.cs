using ConnDiag.Model;

namespace ConnDiag.Clock;

/// <summary>Where to read the reference time from: an NTP server (host and UDP port) or an HTTP(S) URL.</summary>
/// <param name="Method">NTP or the HTTP Date header.</param>
/// <param name="Host">The NTP server's name or address, or the URL's host.</param>
/// <param name="Port">UDP port for NTP (123 by default), the URL's port for HTTP.</param>
/// <param name="Uri">The URL for <see cref="ClockMethod.HttpDate"/>; null for NTP.</param>
public sealed record ClockSource(ClockMethod Method, string Host, int Port, Uri? Uri)
{
    /// <summary>The NTP port, used when a server is given without one.</summary>
    public const int NtpPort = 123;

    /// <summary><c>host:port</c> for NTP (IPv6 in brackets), the URL for HTTP.</summary>
    public override string ToString() => Method == ClockMethod.Ntp ? Target.Format(Host, Port) : Uri!.ToString();

    /// <summary>Parses an NTP server written <c>host</c>, <c>host:port</c>, <c>[v6]:port</c> or a bare IPv6 address.</summary>
    public static bool TryParseNtpServer(string? text, out ClockSource? source, out string? error)
    {
        source = null;
        var s = text?.Trim() ?? "";
        if (s.Contains("://", StringComparison.Ordinal))
        {
            error = $"'{s}' is a URL: give URLs as -Uri (--url), and NTP servers as HOST or HOST:PORT";
            return false;
        }
        if (!Target.TryParse(s, NtpPort, out var target, out error))
        {
            error = s.Length == 0 ? "empty NTP server name" : $"invalid NTP server {error}";
            return false;
        }
        source = new ClockSource(ClockMethod.Ntp, target!.Host, target.Port, null);
        return true;
    }

    /// <summary>Parses an absolute http:// or https:// URL whose Date header is to be read.</summary>
    public static bool TryParseUri(string? text, out ClockSource? source, out string? error)
    {
        source = null;
        var s = text?.Trim() ?? "";
        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = s.Length == 0 ? "empty URL" : $"'{s}' is not an absolute URL: write http://HOST[:PORT]/ or https://HOST[:PORT]/";
            return false;
        }
        return TryFromUri(uri, out source, out error);
    }

    /// <summary>Checks a URL already parsed (as the cmdlet binds it): absolute, http or https.</summary>
    public static bool TryFromUri(Uri? uri, out ClockSource? source, out string? error)
    {
        source = null;
        error = null;
        if (uri is null || !uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{uri}' is not an absolute URL: write http://HOST[:PORT]/ or https://HOST[:PORT]/";
            return false;
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            error = $"'{uri}': scheme '{uri.Scheme}' is not http or https (the Date header is read from an HTTP response)";
            return false;
        }
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        source = new ClockSource(ClockMethod.HttpDate, host, uri.Port, uri);
        return true;
    }
}
