using System.Text;
using System.Text.Json;
using ConnDiag.Http;

namespace ConnDiag.Claude.Api;

/// <summary>The credentials a request carries. Raw values: only ever put into request headers, which the probe masks.</summary>
/// <param name="ApiKey">Sent as <c>x-api-key</c>, or null.</param>
/// <param name="AuthToken">Sent as <c>Authorization: Bearer</c>, or null.</param>
public sealed record ApiCredentials(string? ApiKey, string? AuthToken)
{
    /// <summary>No credentials.</summary>
    public static ApiCredentials None { get; } = new(null, null);

    /// <summary>Which headers these credentials produce.</summary>
    public CredentialHeader Header => (ApiKey, AuthToken) switch
    {
        (not null, not null) => CredentialHeader.Both,
        (not null, null) => CredentialHeader.ApiKey,
        (null, not null) => CredentialHeader.Bearer,
        _ => CredentialHeader.None,
    };

    // The generated ToString would print the raw values.
    public override string ToString() => $"ApiCredentials {{ {Header} }}";
}

/// <summary>The requests the Claude profile sends, built the way Claude Code builds them.</summary>
public static class ApiRequests
{
    /// <summary>The API version header value (still the current one).</summary>
    public const string AnthropicVersion = "2023-06-01";

    /// <summary>An unauthenticated GET (<c>/</c>, <c>/v1/messages</c>).</summary>
    public static HttpProbeRequest Get(Uri uri) => new(uri);

    /// <summary>An authenticated request with <c>anthropic-version</c> and the credential headers; a JSON body for POST.</summary>
    public static HttpProbeRequest Authenticated(Uri uri, ApiCredentials credentials, string method = "GET", object? jsonBody = null, string anthropicVersion = AnthropicVersion)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var headers = new List<HttpHeaderField> { new("anthropic-version", anthropicVersion) };
        // Trimmed: a trailing newline cannot go into a header at all (the config stage reports it as KEY_MALFORMED).
        if (credentials.ApiKey is { } key) headers.Add(new HttpHeaderField("x-api-key", key.Trim()));
        if (credentials.AuthToken is { } token) headers.Add(new HttpHeaderField("Authorization", "Bearer " + token.Trim()));
        ReadOnlyMemory<byte>? body = null;
        if (jsonBody is not null)
        {
            headers.Add(new HttpHeaderField("Content-Type", "application/json"));
            body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(jsonBody));
        }
        return new HttpProbeRequest(uri) { Method = method, Headers = headers, Body = body };
    }

    /// <summary>The count_tokens body: one short user message.</summary>
    public static object CountTokensBody(string model) => new { model, messages = new[] { new { role = "user", content = "ping" } } };

    /// <summary>The smallest message request: one token out.</summary>
    public static object MessageBody(string model, bool stream) => stream
        ? new { model, max_tokens = 1, stream = true, messages = new[] { new { role = "user", content = "ping" } } }
        : (object)new { model, max_tokens = 1, messages = new[] { new { role = "user", content = "ping" } } };
}
