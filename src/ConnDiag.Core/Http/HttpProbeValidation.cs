using System.Globalization;
using System.Text.RegularExpressions;

namespace ConnDiag.Http;

/// <summary>
/// Checks a request and options before anything is sent. Each problem is an <see cref="ArgumentException"/> that
/// names the bad value and what is expected; header values are never echoed (they may be secrets).
/// </summary>
internal static class HttpProbeValidation
{
    public static Regex? Validate(HttpProbeRequest request, HttpProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var uri = request.Uri ?? throw Bad("the URL is missing");
        if (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            throw Bad($"'{Secrets.SecretMasker.Default.MaskText(uri.OriginalString)}' is not an http or https URL with a host");
        }
        if (!IsToken(request.Method) || request.Method.Length > 32)
        {
            throw Bad($"method '{request.Method}' is not an HTTP method token (letters, e.g. GET, POST, HEAD)");
        }
        foreach (var h in request.Headers)
        {
            if (!IsToken(h.Name)) throw Bad($"header name '{h.Name}' is not a valid HTTP token");
            if (h.Value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                throw Bad($"the value of header '{h.Name}' contains a line break or NUL, which HTTP does not allow (a key with a trailing newline?)");
            }
        }

        Range(options.Timeout > TimeSpan.Zero && options.Timeout <= HttpProbeOptions.MaxTimeout, "Timeout", options.Timeout.TotalSeconds, "more than 0 and at most 300 s");
        Range(options.ConnectTimeout > TimeSpan.Zero, "ConnectTimeout", options.ConnectTimeout.TotalSeconds, "more than 0 s");
        Range(options.MaxBodyBytes is >= 0 and <= HttpProbeOptions.MaxBodyCap, "MaxBodyBytes", options.MaxBodyBytes, $"0 to {HttpProbeOptions.MaxBodyCap}");
        Range(options.BodyPreviewBytes is >= 0 and <= 65536, "BodyPreviewBytes", options.BodyPreviewBytes, "0 to 65536");
        Range(options.MaxResponseHeadersKiB is >= 1 and <= 1024, "MaxResponseHeadersKiB", options.MaxResponseHeadersKiB, "1 to 1024");
        Range(options.MaxRedirects is >= 0 and <= HttpProbeOptions.MaxRedirectLimit, "MaxRedirects", options.MaxRedirects, $"0 to {HttpProbeOptions.MaxRedirectLimit}");
        Range(options.Retries is >= 0 and <= HttpProbeOptions.MaxRetries, "Retries", options.Retries, $"0 to {HttpProbeOptions.MaxRetries}");
        Range(options.RetryBaseDelay >= TimeSpan.Zero, "RetryBaseDelay", options.RetryBaseDelay.TotalSeconds, "0 s or more");
        Range(options.RetryMaxDelay >= TimeSpan.Zero && options.RetryMaxDelay <= HttpProbeOptions.MaxTimeout, "RetryMaxDelay", options.RetryMaxDelay.TotalSeconds, "0 to 300 s");
        Range(options.WarnMs > 0, "WarnMs", options.WarnMs, "more than 0");
        Range(options.CriticalMs >= options.WarnMs, "CriticalMs", options.CriticalMs, $"at least WarnMs ({options.WarnMs.ToString(CultureInfo.InvariantCulture)})");
        Range(options.BodyPatternTimeout > TimeSpan.Zero && options.BodyPatternTimeout <= TimeSpan.FromSeconds(60), "BodyPatternTimeout", options.BodyPatternTimeout.TotalSeconds, "more than 0 and at most 60 s");
        if (options.HttpVersion != System.Net.HttpVersion.Version10 && options.HttpVersion != System.Net.HttpVersion.Version11 && options.HttpVersion != System.Net.HttpVersion.Version20)
        {
            throw Bad($"HTTP version {options.HttpVersion} is not supported: use 1.0, 1.1 or 2.0");
        }
        foreach (var s in options.ExpectStatus ?? [])
        {
            Range(s is >= 100 and <= 599, "ExpectStatus", s, "100 to 599");
        }
        if (options.Origin is { } origin && origin != "null" && !IsOrigin(origin))
        {
            throw Bad($"origin '{origin}' is not scheme://host[:port] (no path), e.g. https://app.example.com");
        }
        if (options.ExpectBodyPattern is null) return null;
        try
        {
            return new Regex(options.ExpectBodyPattern, RegexOptions.CultureInvariant, options.BodyPatternTimeout);
        }
        catch (ArgumentException ex)
        {
            throw Bad($"the body pattern is not a valid regular expression: {ex.Message}");
        }
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var u)
        && u.Scheme is "http" or "https"
        && u.AbsolutePath == "/" && u.Query.Length == 0 && u.Fragment.Length == 0 && u.UserInfo.Length == 0
        && !origin.EndsWith('/');

    // RFC 9110 token characters.
    private static bool IsToken(string? s) =>
        !string.IsNullOrEmpty(s) && s.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));

    private static void Range(bool ok, string name, double value, string expected)
    {
        if (!ok) throw Bad($"{name} {value.ToString(CultureInfo.InvariantCulture)} is out of range: use {expected}");
    }

    private static ArgumentException Bad(string message) => new(message);
}
