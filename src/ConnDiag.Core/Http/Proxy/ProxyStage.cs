using System.Globalization;
using ConnDiag.Model;

namespace ConnDiag.Http.Proxy;

/// <summary>The proxy stage of a layered diagnosis: its name and how a probe result reads as a stage verdict.</summary>
public static class ProxyStage
{
    /// <summary>The stage name in reports.</summary>
    public const string Name = "proxy";

    /// <summary>
    /// The stage verdict: Skipped when no proxy applies to the target (the reason says which variables were
    /// read), otherwise the findings' outcome with a one-line summary and the result as typed evidence.
    /// </summary>
    public static StageResult ToStageResult(this ProxyProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Decision.Route == ProxyRoute.Direct)
        {
            return new StageResult(Name, Layer.Proxy, Outcome.Skipped, result.DurationMs, result.Decision.Reason, result.Findings, result);
        }
        return new StageResult(Name, Layer.Proxy, result.Outcome, result.DurationMs, Summarize(result), result.Findings, result);
    }

    private static string Summarize(ProxyProbeResult r)
    {
        var target = Target.Format(r.TargetHost, r.TargetPort);
        var proxy = r.Decision.Proxy?.Url ?? "the proxy";
        return r.TunnelStatus switch
        {
            ProxyTunnelStatus.Established => string.Create(CultureInfo.InvariantCulture,
                $"tunnel to {target} open through {proxy} (CONNECT answered {r.StatusCode} in {r.ConnectRoundTripMs ?? 0:0.#} ms)"),
            ProxyTunnelStatus.NotNeeded => $"{proxy} accepts connections; {r.TargetScheme} requests to {target} go through it without CONNECT",
            _ when r.Decision.Route == ProxyRoute.Bypassed => r.Decision.Reason,
            _ => r.Findings.FirstOrDefault()?.Summary ?? r.Decision.Reason,
        };
    }
}
