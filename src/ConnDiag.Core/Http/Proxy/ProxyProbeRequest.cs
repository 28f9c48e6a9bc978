using System.Net;
using ConnDiag.Model;

namespace ConnDiag.Http.Proxy;

/// <summary>What to reach through which proxy settings.</summary>
/// <param name="Target">The target host (name or IP literal) and port, as the client would ask the proxy for it.</param>
/// <param name="TargetScheme">The target URL's scheme: <c>https</c> targets are tunnelled with CONNECT, <c>http</c> targets are not (unless <see cref="ProxyProbeOptions.TunnelHttpTargets"/>).</param>
/// <param name="Settings">The proxy settings resolved for that scheme.</param>
/// <param name="TargetAddresses">The target's addresses when an earlier stage resolved them; used to recognise a proxy that is the target itself. The probe never resolves the target (with a proxy, the client does not): without these, only literals and <c>localhost</c> are compared by address.</param>
public sealed record ProxyProbeRequest(
    Target Target,
    string TargetScheme,
    ProxySettings Settings,
    IReadOnlyList<IPAddress>? TargetAddresses = null)
{
    /// <summary>The request for an absolute http/https URI (default ports applied).</summary>
    public static ProxyProbeRequest ForUri(Uri uri, ProxySettings settings)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        return new ProxyProbeRequest(new Target(host, uri.Port), uri.Scheme, settings);
    }

    /// <summary>True when the client would CONNECT (https targets, or any target with tunnelling forced).</summary>
    public bool UsesConnect(ProxyProbeOptions options) =>
        !string.Equals(TargetScheme, "http", StringComparison.OrdinalIgnoreCase) || options.TunnelHttpTargets;
}
