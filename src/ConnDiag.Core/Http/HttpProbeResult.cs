using System.Text.Json.Serialization;
using ConnDiag.Model;

namespace ConnDiag.Http;

/// <summary>
/// The result of probing one URL: every attempt (retries) with every hop (redirects), the CORS preflight when
/// an Origin was given, and the findings. Secrets are masked throughout.
/// </summary>
/// <param name="Uri">The URL as given, masked.</param>
/// <param name="Method">The request method.</param>
/// <param name="Attempts">Every try, in order; retries only happen when asked for.</param>
/// <param name="Cors">The CORS preflight check, or null without an Origin.</param>
/// <param name="Findings">The verdict: the last attempt's findings, then the CORS findings.</param>
/// <param name="DurationMs">Wall time of the whole probe, backoff included.</param>
public sealed record HttpProbeResult(
    string Uri,
    string Method,
    IReadOnlyList<HttpAttempt> Attempts,
    CorsCheck? Cors,
    IReadOnlyList<Finding> Findings,
    double DurationMs)
{
    /// <summary>The exchange the probe ended with: the last hop of the last attempt.</summary>
    [JsonIgnore]
    public HttpExchange Final => Attempts[^1].Final;

    /// <summary>The final response status, or null when no response arrived.</summary>
    public int? StatusCode => Final.StatusCode;

    /// <summary>The final body (up to the cap) when <see cref="HttpProbeOptions.KeepBody"/> asked for it, else null.</summary>
    [JsonIgnore]
    internal byte[]? FinalBody => Attempts[^1].Body;

    /// <summary>Redirects followed in the last attempt.</summary>
    public int RedirectCount => Attempts[^1].Exchanges.Count - 1;

    /// <summary>Fail on any Error finding, Warn on any Warning, else Pass.</summary>
    public Outcome Outcome => OutcomeRules.FromFindings(Findings);

    public override string ToString() => $"{Method} {Uri} {(StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no response")} {Outcome}";
}
