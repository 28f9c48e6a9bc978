using System.Globalization;
using System.Net;
using System.Text.Json;
using ConnDiag.Findings;

namespace ConnDiag.Claude.Router;

/// <summary>The listening side and its neighbours: PORT, HOST with APIKEY, PROXY_URL, API_TIMEOUT_MS.</summary>
internal static class ServerRules
{
    public const int DefaultPort = 3456;
    public const string DefaultHost = "127.0.0.1";

    /// <summary>Below this a model's long answer is cut off (the spec's threshold; 600000 is usual).</summary>
    public const int MinTimeoutMs = 60_000;

    /// <summary>PORT as the router will use it, or null (PORT_INVALID) when it is not a port.</summary>
    public static int? Port(RouterConfigContext c)
    {
        var e = RouterConfigContext.Get(c.Root, "PORT");
        if (e is null || e.Value.ValueKind == JsonValueKind.Null) return DefaultPort;
        string text;
        if (e.Value.ValueKind == JsonValueKind.Number)
        {
            // JavaScript has one number type: 3456.0 is the port 3456.
            if (e.Value.TryGetDouble(out var d) && d is >= 1 and <= 65535 && d == Math.Floor(d)) return (int)d;
            text = e.Value.GetRawText();
        }
        else if (e.Value.ValueKind == JsonValueKind.String && !c.HasUnresolved(e.Value.GetString()!)) text = c.Resolve(e.Value.GetString()!).Trim();
        else if (e.Value.ValueKind == JsonValueKind.String) return null;
        else
        {
            c.Add(FindingCodes.RouterPortInvalid, $"PORT is {RouterConfigContext.Kind(e)}, not a port number.", $"PORT is {RouterConfigContext.Kind(e)}.");
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535) return port;
        c.Add(FindingCodes.RouterPortInvalid, $"PORT {text} is not a port number (1-65535).", $"PORT = {e.Value.GetRawText()}.");
        return null;
    }

    /// <summary>The address the router will listen on: HOST, or 127.0.0.1 when HOST is not loopback and APIKEY is empty.</summary>
    public static string Host(RouterConfigContext c)
    {
        var raw = RouterConfigContext.GetString(c.Root, "HOST");
        var host = raw is null ? DefaultHost : c.Resolve(raw).Trim();
        if (host.Length == 0) return DefaultHost;
        var apiKey = RouterConfigContext.GetString(c.Root, "APIKEY");
        if (apiKey is not null) c.Secret(apiKey);
        var keySet = apiKey is not null && apiKey.Length > 0 && !c.HasUnresolved(apiKey);
        if (keySet) c.Secret(c.Resolve(apiKey!));
        if (IsLoopback(host) || keySet) return host;
        c.Add(FindingCodes.RouterHostForcedLoopback,
            $"HOST is {host}, but APIKEY is {(apiKey is null ? "not set" : "empty or unresolved")}: the router listens on 127.0.0.1 only, so other machines cannot reach it.",
            $"HOST = \"{raw}\"; APIKEY {(apiKey is null ? "missing" : "empty or an unresolved reference")}.");
        return DefaultHost;
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var a) && IPAddress.IsLoopback(a));

    public static void Proxy(RouterConfigContext c, int? port, string host)
    {
        if (ConfiguredProxy(c) is not { } configured) return;
        if (configured.Uri is not { } uri)
        {
            c.Add(FindingCodes.ProxyUrlInvalid, "PROXY_URL is not an http:// or https:// proxy URL; the router's provider calls would fail.",
                $"PROXY_URL = \"{c.Masker().MaskText(configured.Value)}\".", "Set PROXY_URL to http://host:port (the upstream proxy), or remove it.");
            return;
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0) c.Secret(Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
        }
        if (!IsSelf(uri, port, host)) return;
        c.Add(FindingCodes.RouterProxySelf,
            $"PROXY_URL {c.Masker().MaskUri(uri)} is the router's own address (port {uri.Port}): provider calls would loop back into the router.",
            $"PROXY_URL host {uri.Host} port {uri.Port}; the router listens on {host}:{port ?? DefaultPort}.");
    }

    /// <summary>
    /// The PROXY_URL the router sends provider calls through: resolved, an http(s) URL and not the router
    /// itself; null when unset or unusable (<see cref="Proxy"/> reports why).
    /// </summary>
    public static string? UpstreamProxy(RouterConfigContext c, int? port, string host) =>
        ConfiguredProxy(c) is { Uri: { } uri } configured && !IsSelf(uri, port, host) ? configured.Value : null;

    /// <summary>PROXY_URL resolved, with its parsed URL when it is an http(s) URL; null when unset or unresolved.</summary>
    private static (string Value, Uri? Uri)? ConfiguredProxy(RouterConfigContext c)
    {
        var raw = RouterConfigContext.GetString(c.Root, "PROXY_URL");
        if (raw is null || raw.Trim().Length == 0 || c.HasUnresolved(raw)) return null;
        var value = c.Resolve(raw).Trim();
        var ok = Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
        return (value, ok ? uri : null);
    }

    private static bool IsSelf(Uri uri, int? port, string host) =>
        uri.Port == (port ?? DefaultPort)
        && (IsLoopback(uri.Host) || uri.Host.Equals(host, StringComparison.OrdinalIgnoreCase) || uri.Host is "0.0.0.0" or "[::]");

    public static void Timeout(RouterConfigContext c)
    {
        var e = RouterConfigContext.Get(c.Root, "API_TIMEOUT_MS");
        if (e is null || e.Value.ValueKind == JsonValueKind.Null) return;
        double ms;
        if (e.Value.ValueKind == JsonValueKind.Number) ms = e.Value.GetDouble();
        else if (e.Value.ValueKind == JsonValueKind.String && c.HasUnresolved(e.Value.GetString()!)) return;
        else if (e.Value.ValueKind == JsonValueKind.String
            && double.TryParse(c.Resolve(e.Value.GetString()!).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) ms = parsed;
        else
        {
            c.Add(FindingCodes.RouterTimeoutTooLow, $"API_TIMEOUT_MS is {RouterConfigContext.Kind(e)} that is not a number of milliseconds.",
                $"API_TIMEOUT_MS = {e.Value.GetRawText()}.");
            return;
        }
        if (ms >= MinTimeoutMs) return;
        c.Add(FindingCodes.RouterTimeoutTooLow,
            $"API_TIMEOUT_MS is {ms.ToString(CultureInfo.InvariantCulture)} ms ({(ms / 1000).ToString("0.###", CultureInfo.InvariantCulture)} s): requests taking longer are cut off.",
            $"API_TIMEOUT_MS = {e.Value.GetRawText()}; at least {MinTimeoutMs} is advised.");
    }
}
