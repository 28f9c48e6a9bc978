using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ConnDiag.Claude.Api;

/// <summary>
/// Reads an error body into an <see cref="ApiError"/>, whatever wrote it: the API, the edge, claude-code-router,
/// another gateway, a proxy page. Bodies here are already masked previews (capped by the probe), so nothing read
/// here can carry a credential further than the preview did.
/// </summary>
public static partial class ApiErrorParser
{
    private const int MaxMessageLength = 300;

    /// <summary>The error in <paramref name="body"/>, or null for an empty body or JSON without an <c>error</c>.</summary>
    public static ApiError? Parse(string? body, string? contentType = null)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        var text = body.Trim();
        if (text.StartsWith('{'))
        {
            return ParseJson(text);
        }
        if (LooksLikeHtml(text, contentType))
        {
            var title = HtmlTitle().Match(text);
            return new ApiError(ApiErrorShape.Html, null, Clip(title.Success ? WebUtility(title.Groups[1].Value) : FirstLine(text)));
        }
        return new ApiError(ApiErrorShape.Text, null, Clip(FirstLine(text)));
    }

    /// <summary>True when the body is an HTML page rather than an API answer.</summary>
    public static bool LooksLikeHtml(string? body, string? contentType)
    {
        if (contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true) return true;
        if (string.IsNullOrEmpty(body)) return false;
        var t = body.TrimStart();
        return t.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || t.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    private static ApiError? ParseJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error)) return null;
            var requestId = Str(root, "request_id");
            if (error.ValueKind == JsonValueKind.String)
            {
                return new ApiError(ApiErrorShape.OtherJson, null, Clip(error.GetString()), RequestId: requestId);
            }
            if (error.ValueKind != JsonValueKind.Object) return null;
            var type = Str(error, "type");
            var message = Str(error, "message");
            var code = error.TryGetProperty("code", out var c) ? c.ValueKind == JsonValueKind.String ? c.GetString() : c.ToString() : null;
            if (Str(root, "type") == "error") return new ApiError(ApiErrorShape.Anthropic, type, Clip(message), RequestId: requestId);
            if (type == "forbidden") return new ApiError(ApiErrorShape.Forbidden, type, Clip(message), RequestId: requestId);
            if (code is not null && RouterCodes.Contains(code))
            {
                var (provider, status, upstream) = Upstream(message);
                return new ApiError(ApiErrorShape.Router, type, Clip(message), code, requestId, upstream, status, provider);
            }
            return new ApiError(ApiErrorShape.OtherJson, type, Clip(message), code, requestId);
        }
        catch (JsonException)
        {
            // A truncated preview or a body that only starts like JSON: keep its first line as text.
            return new ApiError(ApiErrorShape.Text, null, Clip(FirstLine(text)));
        }
    }

    private static readonly HashSet<string> RouterCodes = new(StringComparer.Ordinal)
    {
        "provider_not_found", "provider_response_error", "internal_error", "invalid_request",
    };

    // "Error from provider(name,model: 401): {...}" — the router echoes the provider's status and body (v2).
    private static (string? Provider, int? Status, ApiError? Upstream) Upstream(string? message)
    {
        if (message is null) return (null, null, null);
        var m = ProviderMessage().Match(message);
        if (!m.Success) return (null, null, null);
        var status = int.TryParse(m.Groups["status"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (int?)null;
        var inner = m.Groups["body"].Value;
        var upstream = inner.TrimStart().StartsWith('{') ? ParseJson(inner.Trim()) : string.IsNullOrWhiteSpace(inner) ? null : new ApiError(ApiErrorShape.Text, null, Clip(FirstLine(inner)));
        return (m.Groups["provider"].Value, status, upstream);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 0 ? line : text.Trim();
    }

    private static string WebUtility(string s) => System.Net.WebUtility.HtmlDecode(s).Trim();

    private static string? Clip(string? s) => s is null ? null : s.Length > MaxMessageLength ? s[..MaxMessageLength] + "…" : s;

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 500)]
    private static partial Regex HtmlTitle();

    [GeneratedRegex(@"^Error from provider\((?<provider>[^:)]*?)\s*:\s*(?<status>\d{3})\)\s*:\s*(?<body>.*)$", RegexOptions.Singleline, matchTimeoutMilliseconds: 500)]
    private static partial Regex ProviderMessage();
}
