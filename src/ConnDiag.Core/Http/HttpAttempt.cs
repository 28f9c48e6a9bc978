using System.Text.Json.Serialization;

namespace ConnDiag.Http;

/// <summary>One try of the request: the original exchange and every redirect hop it followed.</summary>
/// <param name="Number">1 for the first try, 2 for the first retry, ...</param>
/// <param name="DelayBeforeMs">The backoff waited before this try (0 for the first).</param>
/// <param name="DurationMs">Wall time of this try, all hops included (what SLOW is judged on).</param>
/// <param name="Exchanges">The original request, then one exchange per redirect followed, in order.</param>
/// <param name="Findings">What this try showed.</param>
public sealed record HttpAttempt(
    int Number,
    double DelayBeforeMs,
    double DurationMs,
    IReadOnlyList<HttpExchange> Exchanges,
    IReadOnlyList<Model.Finding> Findings)
{
    /// <summary>The last hop: the response this try ended with (not serialized: it is the last of <see cref="Exchanges"/>).</summary>
    [JsonIgnore]
    public HttpExchange Final => Exchanges[^1];

    /// <summary>The final body read (up to the cap) when <see cref="HttpProbeOptions.KeepBody"/> asked for it; unmasked, so never public.</summary>
    [JsonIgnore]
    internal byte[]? Body { get; init; }
}
