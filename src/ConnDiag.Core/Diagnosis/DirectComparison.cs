using System.Globalization;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Diagnosis;

/// <summary>
/// The HTTP stage's evidence with -CompareDirect: the request through the proxy and the same request direct.
/// <see cref="Finding"/> is PROXY.DIRECT_DIFFERS when the two end differently (status, or one got no answer).
/// </summary>
/// <param name="ViaProxy">The request through the proxy (the one that decides the stage).</param>
/// <param name="Direct">The same request without the proxy.</param>
/// <param name="Finding">PROXY.DIRECT_DIFFERS, or null when both ended the same way.</param>
public sealed record DirectComparison(HttpProbeResult ViaProxy, HttpProbeResult Direct, Finding? Finding)
{
    /// <summary>Compares the two results; <paramref name="proxy"/> is the proxy URL as shown (credentials masked).</summary>
    public static DirectComparison Compare(HttpProbeResult viaProxy, HttpProbeResult direct, string proxy)
    {
        ArgumentNullException.ThrowIfNull(viaProxy);
        ArgumentNullException.ThrowIfNull(direct);
        var a = Describe(viaProxy);
        var b = Describe(direct);
        if (viaProxy.StatusCode == direct.StatusCode && viaProxy.Outcome == direct.Outcome)
        {
            return new DirectComparison(viaProxy, direct, null);
        }
        var finding = FindingCatalog.Create(FindingCodes.ProxyDirectDiffers,
            $"Through {proxy}: {a}; direct: {b}.",
            string.Create(CultureInfo.InvariantCulture,
                $"Same request both ways: through the proxy {viaProxy.Outcome} in {viaProxy.Final.Phases.TotalMs:0.#} ms, direct {direct.Outcome} in {direct.Final.Phases.TotalMs:0.#} ms."));
        return new DirectComparison(viaProxy, direct, finding);
    }

    private static string Describe(HttpProbeResult r)
    {
        var first = r.Findings.FirstOrDefault(f => f.Severity != Severity.Info);
        var status = r.StatusCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "no response";
        return first is null ? status : $"{status} ({first.Code})";
    }
}
