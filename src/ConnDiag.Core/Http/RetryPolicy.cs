using ConnDiag.Findings;

namespace ConnDiag.Http;

/// <summary>
/// When a failed attempt is worth repeating (curl's --retry set: no response, 408, 429, 500, 502, 503, 504, or a
/// body cut off), and how long to wait: exponential backoff from the base delay with jitter, bounded by the
/// maximum, and at least a server's Retry-After when that fits under the maximum.
/// </summary>
internal static class RetryPolicy
{
    private static readonly int[] RetryableStatus = [408, 429, 500, 502, 503, 504];

    // Answers that will be the same next time: retrying them only delays the verdict.
    private static readonly HashSet<string> Deterministic = new(StringComparer.Ordinal)
    {
        FindingCodes.HttpTlsFailed, FindingCodes.HttpPlaintextOnTlsPort, FindingCodes.HttpTlsOnPlainPort,
        FindingCodes.HttpHeadersTooLarge, FindingCodes.HttpProtocolError, FindingCodes.HttpTooManyRedirects,
        FindingCodes.DnsNoAddress,
    };

    public static bool ShouldRetry(HttpAttempt attempt)
    {
        if (attempt.Findings.Any(f => Deterministic.Contains(f.Code))) return false;
        var final = attempt.Final;
        if (final.Error is not null) return true;
        return final.StatusCode is { } s && RetryableStatus.Contains(s);
    }

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based); <paramref name="jitter"/> is in [0, 1).</summary>
    public static TimeSpan Delay(int retry, HttpProbeOptions options, double? retryAfterSeconds, double jitter)
    {
        var max = options.RetryMaxDelay.TotalMilliseconds;
        var exponential = Math.Min(max, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 20)));
        // Full jitter would allow 0; half jitter keeps the backoff growing while spreading clients apart.
        var ms = exponential * (0.5 + (0.5 * jitter));
        if (retryAfterSeconds is { } ra) ms = Math.Max(ms, Math.Min(max, ra * 1000));
        return TimeSpan.FromMilliseconds(Math.Min(ms, max));
    }
}
