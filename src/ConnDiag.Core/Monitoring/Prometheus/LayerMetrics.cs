using System.Text.Json;
using static ConnDiag.Monitoring.Prometheus.JsonFields;

namespace ConnDiag.Monitoring.Prometheus;

/// <summary>
/// Metrics of one layer's result, shared by the single-layer results (a TCP result, a TLS chain report) and the
/// evidence of a diagnosis's stage of the same layer, which is the same object.
/// </summary>
internal static class LayerMetrics
{
    private static readonly (string Label, string Property)[] Phases =
    [
        ("dns", "dnsMs"), ("connect", "connectMs"), ("proxy", "proxyMs"), ("tls", "tlsMs"), ("ttfb", "ttfbMs"),
        ("transfer", "transferMs"), ("total", "totalMs"),
    ];

    /// <summary>Per address tried: whether it accepted, and how long the verdict took.</summary>
    public static void Tcp(MetricSet set, MetricLabels id, JsonElement tcp)
    {
        foreach (var attempt in Array(tcp, "attempts"))
        {
            if (Text(attempt, "remoteAddress") is not { } address || Number(attempt, "port") is not { } port) continue;
            var labels = id.With("address", address).With("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            set.Add(MetricFamilies.TcpOpen, labels, OneIf(Text(attempt, "state") == "Open"));
            set.Add(MetricFamilies.TcpConnect, labels, Seconds(attempt, "connectMs"));
        }
    }

    /// <summary>Earliest expiry in the chain, trust, and handshake time (only for a handshake that completed).</summary>
    public static void Tls(MetricSet set, MetricLabels id, JsonElement tls)
    {
        var chain = Array(tls, "builtChain").ToList();
        if (chain.Count == 0) chain = Array(tls, "sentChain").ToList();
        var expiries = chain.Select(c => UnixSeconds(c, "notAfter")).OfType<double>().ToList();
        if (expiries.Count > 0) set.Add(MetricFamilies.TlsExpiry, id, expiries.Min());
        if (chain.Count > 0 && Flag(tls, "isTrusted") is { } trusted) set.Add(MetricFamilies.TlsTrusted, id, OneIf(trusted));
        if (Text(tls, "protocol") is not null) set.Add(MetricFamilies.TlsHandshake, id, Seconds(tls, "handshakeMs"));
    }

    /// <summary>
    /// The final status code and the phases of the last attempt, each summed over its redirect hops (a phase no
    /// hop reached is left out). A comparison of proxy and direct routes reports the proxy route, the one in use.
    /// </summary>
    public static void Http(MetricSet set, MetricLabels id, JsonElement http)
    {
        if (Object(http, "viaProxy") is { } viaProxy) http = viaProxy;
        set.Add(MetricFamilies.HttpStatus, id, Number(http, "statusCode"));
        if (Array(http, "attempts").LastOrDefault() is not { ValueKind: JsonValueKind.Object } last) return;
        var exchanges = Array(last, "exchanges").Select(x => Object(x, "phases")).OfType<JsonElement>().ToList();
        foreach (var (label, property) in Phases)
        {
            var values = exchanges.Select(p => Number(p, property)).OfType<double>().ToList();
            if (values.Count > 0) set.Add(MetricFamilies.HttpPhase, id.With("phase", label), Math.Round(values.Sum() / 1000, 9));
        }
    }
}
