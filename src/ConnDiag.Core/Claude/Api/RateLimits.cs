using System.Globalization;
using ConnDiag.Http;

namespace ConnDiag.Claude.Api;

/// <summary>One rate-limit window the API reported (<c>anthropic-ratelimit-{kind}-*</c>).</summary>
/// <param name="Kind"><c>requests</c>, <c>tokens</c>, <c>input-tokens</c> or <c>output-tokens</c>.</param>
/// <param name="Limit">The window's limit, or null when the header was missing or not a number.</param>
/// <param name="Remaining">What is left in the window.</param>
/// <param name="ResetsAt">When the window refills (RFC 3339 in the header), or null.</param>
public sealed record RateLimitWindow(string Kind, long? Limit, long? Remaining, DateTimeOffset? ResetsAt);

/// <summary>The rate-limit facts of one response: the windows, <c>retry-after</c> and <c>x-should-retry</c>.</summary>
/// <param name="Windows">The <c>anthropic-ratelimit-*</c> windows, in the API's order of kinds.</param>
/// <param name="RetryAfterSeconds"><c>retry-after</c> (or <c>retry-after-ms</c>) in seconds, or null.</param>
/// <param name="ShouldRetry"><c>x-should-retry</c>, or null when absent.</param>
public sealed record RateLimits(IReadOnlyList<RateLimitWindow> Windows, double? RetryAfterSeconds, bool? ShouldRetry)
{
    private const string Prefix = "anthropic-ratelimit-";
    private static readonly string[] Kinds = ["requests", "tokens", "input-tokens", "output-tokens"];

    /// <summary>The rate-limit facts in these response headers, or null when there are none.</summary>
    public static RateLimits? From(IEnumerable<HttpHeaderField> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var list = headers.ToList();
        string? Value(string name) => list.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value?.Trim();

        var windows = new List<RateLimitWindow>();
        foreach (var kind in Kinds)
        {
            var limit = Value($"{Prefix}{kind}-limit");
            var remaining = Value($"{Prefix}{kind}-remaining");
            var reset = Value($"{Prefix}{kind}-reset");
            if (limit is null && remaining is null && reset is null) continue;
            windows.Add(new RateLimitWindow(kind, Long(limit), Long(remaining), Time(reset)));
        }

        double? retryAfter = null;
        if (Value("retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m >= 0) retryAfter = m / 1000;
        else if (Value("retry-after") is { } ra && double.TryParse(ra, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0) retryAfter = s;
        bool? shouldRetry = Value("x-should-retry") is { } sr && bool.TryParse(sr, out var b) ? b : null;

        return windows.Count == 0 && retryAfter is null && shouldRetry is null ? null : new RateLimits(windows, retryAfter, shouldRetry);
    }

    /// <summary>One line for people: the exhausted or lowest windows and when they reset, and retry-after.</summary>
    public string Describe()
    {
        var parts = Windows.Select(w =>
            $"{w.Kind} {Num(w.Remaining)}/{Num(w.Limit)} left" + (w.ResetsAt is { } r ? $", resets {r.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}" : "")).ToList();
        if (RetryAfterSeconds is { } ra) parts.Add(string.Create(CultureInfo.InvariantCulture, $"retry-after {ra:0.###} s"));
        if (ShouldRetry is { } sr) parts.Add($"x-should-retry {(sr ? "true" : "false")}");
        return parts.Count == 0 ? "no rate-limit headers" : string.Join("; ", parts);
    }

    private static string Num(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static long? Long(string? s) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static DateTimeOffset? Time(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
