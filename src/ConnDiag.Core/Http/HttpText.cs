using System.Globalization;

namespace ConnDiag.Http;

/// <summary>Formatting shared by the HTTP findings: times, phases, origins.</summary>
internal static class HttpText
{
    public static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0.#} ms");

    public static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###} s");

    public static string Phases(HttpPhases p)
    {
        static string? Part(string name, double? ms) => ms is { } v ? $"{name} {Ms(v)}" : null;
        return string.Join(", ", new[]
        {
            Part("dns", p.DnsMs), Part("connect", p.ConnectMs), Part("tls", p.TlsMs),
            Part("ttfb", p.TtfbMs), Part("transfer", p.TransferMs), Part("total", p.TotalMs),
        }.Where(s => s is not null));
    }

    /// <summary><c>scheme://host:port</c>, the unit credentials and pinned addresses are scoped to.</summary>
    public static string Origin(Uri uri) =>
        $"{uri.Scheme}://{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}".ToLowerInvariant();

    public static bool SameOrigin(Uri a, Uri b) => string.Equals(Origin(a), Origin(b), StringComparison.Ordinal);

    /// <summary>The host without IPv6 brackets, as the connect step gets it.</summary>
    public static string BareHost(Uri uri) => uri.IdnHost.Trim('[', ']');

    public static string Version(Version v) => v.Major >= 2 ? v.Major.ToString(CultureInfo.InvariantCulture) : v.ToString(2);

    public static string Status(HttpExchange e) =>
        $"{e.StatusCode?.ToString(CultureInfo.InvariantCulture)} {e.ReasonPhrase}".TrimEnd();
}
