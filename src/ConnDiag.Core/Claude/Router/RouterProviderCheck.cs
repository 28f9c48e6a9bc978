using ConnDiag.Model;

namespace ConnDiag.Claude.Router;

/// <summary>
/// Whether one provider's api_base_url can be reached the way the router reaches it: DNS, TCP, the router's
/// upstream proxy (PROXY_URL) and TLS from this machine. Secrets never appear in it.
/// </summary>
/// <param name="Provider">The provider's name.</param>
/// <param name="Origin">The scheme, host and port checked, e.g. <c>https://api.deepseek.com:443</c>.</param>
/// <param name="Proxy">PROXY_URL with credentials masked, or null when the router connects direct.</param>
/// <param name="Reachable">True when no stage failed.</param>
/// <param name="FailedStage">The first stage that failed (<c>dns</c>, <c>tcp</c>, <c>proxy</c>, <c>tls</c>), or null.</param>
/// <param name="Findings">ROUTER.PROVIDER_UNREACHABLE when a stage failed (its evidence names the stage's own finding); empty otherwise.</param>
/// <param name="Report">The layered diagnosis behind the verdict: every stage with its evidence and findings.</param>
public sealed record RouterProviderCheck(
    string Provider,
    string Origin,
    string? Proxy,
    bool Reachable,
    string? FailedStage,
    IReadOnlyList<Finding> Findings,
    DiagnosticReport Report)
{
    /// <summary>Fail when the provider is unreachable, Warn when a stage warned, else Pass.</summary>
    public Outcome Outcome => Report.Outcome;

    public override string ToString() => $"{Provider} {Origin} {(Reachable ? "reachable" : "unreachable at " + FailedStage)}";
}
