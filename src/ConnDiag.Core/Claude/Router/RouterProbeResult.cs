using ConnDiag.Model;

namespace ConnDiag.Claude.Router;

/// <summary>What a running claude-code-router answered. The APIKEY never appears in it.</summary>
/// <param name="Endpoint">The address probed, e.g. <c>http://127.0.0.1:3456</c>.</param>
/// <param name="Listening">True when the TCP connect to HOST:PORT succeeded.</param>
/// <param name="HealthStatusCode">The status of <c>GET /health</c>, or null when it was not asked or got no answer.</param>
/// <param name="HealthStatus">The <c>status</c> value of the health answer (<c>ok</c>, or a v3 state), or null.</param>
/// <param name="Generation">v2 or v3 from the <c>GET /</c> fingerprint; null when it is not a router (or not reached).</param>
/// <param name="AuthChecked">The request that tested APIKEY (<c>GET /v1/models</c>, <c>POST /v1/messages/count_tokens</c>), or null when it was skipped.</param>
/// <param name="AuthStatusCode">The status of that request, or null.</param>
/// <param name="KeyAccepted">True when the router let the request through, false on 401/403, null when not checked.</param>
/// <param name="Findings">ROUTER.NOT_RUNNING, ROUTER.NOT_A_ROUTER, AUTH.ROUTER_KEY_REJECTED and the TCP/HTTP findings behind them.</param>
/// <param name="DurationMs">Wall time of the whole probe.</param>
public sealed record RouterProbeResult(
    string Endpoint,
    bool Listening,
    int? HealthStatusCode,
    string? HealthStatus,
    RouterGeneration? Generation,
    string? AuthChecked,
    int? AuthStatusCode,
    bool? KeyAccepted,
    IReadOnlyList<Finding> Findings,
    double DurationMs)
{
    /// <summary>Fail on any Error finding, Warn on any Warning, else Pass.</summary>
    public Outcome Outcome => OutcomeRules.FromFindings(Findings);

    public override string ToString() => $"{Endpoint} {(Generation is { } g ? g.ToString() : Listening ? "not a router" : "not running")} {Outcome}";
}
