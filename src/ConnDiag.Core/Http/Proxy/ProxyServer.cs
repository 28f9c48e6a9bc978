using System.Globalization;
using ConnDiag.Model;

namespace ConnDiag.Http.Proxy;

/// <summary>A parsed proxy URL: scheme, host, port and optional credentials (masked in every text form).</summary>
/// <param name="Scheme">Kind of proxy.</param>
/// <param name="Host">Host name or IP literal (IPv6 without brackets).</param>
/// <param name="Port">Port to connect to.</param>
/// <param name="PortIsDefault">True when the URL had no port and curl's default (<see cref="ProxySchemes.DefaultPortFor"/>) applies.</param>
/// <param name="Credentials">User and password from the URL or an option, or null.</param>
public sealed record ProxyServer(ProxyScheme Scheme, string Host, int Port, bool PortIsDefault, ProxyCredentials? Credentials)
{
    /// <summary><c>host:port</c>, IPv6 in brackets.</summary>
    public string HostPort => Target.Format(Host, Port);

    /// <summary>The URL with credentials masked: <c>http://alice:****@proxy.example:3128</c>.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture,
        $"{Scheme.UrlScheme()}://{(Credentials is null ? "" : Credentials.Display + "@")}{HostPort}");

    /// <summary>The URL without any credentials, for <see cref="System.Net.IWebProxy"/> (which takes credentials separately).</summary>
    public Uri ToUriWithoutCredentials() => new(string.Create(CultureInfo.InvariantCulture, $"{Scheme.UrlScheme()}://{HostPort}"));

    /// <summary>The same proxy with other credentials (an explicit credential option overrides the URL's).</summary>
    public ProxyServer WithCredentials(ProxyCredentials? credentials) => this with { Credentials = credentials };

    /// <summary>Parses a proxy URL as curl does (see <see cref="ProxyUrlParser"/>); the error never contains the credentials.</summary>
    public static bool TryParse(string? text, out ProxyServer? server, out string? error) =>
        ProxyUrlParser.TryParse(text, out server, out error);

    /// <summary>Parses or throws <see cref="ArgumentException"/> with a masked, specific message.</summary>
    public static ProxyServer Parse(string text) =>
        TryParse(text, out var server, out var error) ? server! : throw new ArgumentException(error, nameof(text));

    /// <inheritdoc/>
    public override string ToString() => Url;
}
