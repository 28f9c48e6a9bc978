using System.Net.Http;

namespace ConnDiag.Http;

/// <summary>Retry-After in seconds, whether the server sent a delay or an HTTP date (judged against its own Date when present).</summary>
internal static class RetryAfter
{
    public static double? Seconds(HttpResponseMessage response)
    {
        var value = response.Headers.RetryAfter;
        if (value is null) return null;
        if (value.Delta is { } delta) return delta.TotalSeconds;
        if (value.Date is { } date)
        {
            var now = response.Headers.Date ?? DateTimeOffset.UtcNow;
            return Math.Max(0, (date - now).TotalSeconds);
        }
        return null;
    }
}
