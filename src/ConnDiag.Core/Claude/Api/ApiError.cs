namespace ConnDiag.Claude.Api;

/// <summary>Who wrote an error body: the shape decides how it is read, because gateways and the router do not speak the API's format.</summary>
public enum ApiErrorShape
{
    /// <summary><c>{"type":"error","error":{"type":…,"message":…},"request_id":…}</c>: the Anthropic API itself.</summary>
    Anthropic,

    /// <summary><c>{"error":{"type":"forbidden","message":"Request not allowed"}}</c>: the edge refusing the region or egress address.</summary>
    Forbidden,

    /// <summary><c>{"error":{"message":…,"type":"api_error","code":…}}</c>: claude-code-router's own errors.</summary>
    Router,

    /// <summary>Another JSON object with an <c>error</c> member (an OpenAI-style gateway).</summary>
    OtherJson,

    /// <summary>An HTML page (a proxy's block page, a challenge, a web server's error page).</summary>
    Html,

    /// <summary>Plain text (the router's auth middleware, Envoy's upstream errors).</summary>
    Text,
}

/// <summary>An error body as read from a response: its shape, type, message and, for the router, the upstream body it wraps.</summary>
/// <param name="Shape">Who wrote it.</param>
/// <param name="Type"><c>error.type</c> (<c>authentication_error</c>, <c>forbidden</c>...), or null.</param>
/// <param name="Message"><c>error.message</c>, or the first line of a text body (masked, at most 300 characters).</param>
/// <param name="Code">The router's <c>error.code</c> (<c>provider_not_found</c>...), or null.</param>
/// <param name="RequestId">The body's <c>request_id</c>, or null.</param>
/// <param name="Upstream">The provider's own error inside a router <c>provider_response_error</c>, or null.</param>
/// <param name="UpstreamStatus">The provider's HTTP status named in that message, or null.</param>
/// <param name="Provider">The provider and model named in that message (<c>name,model</c>), or null.</param>
public sealed record ApiError(
    ApiErrorShape Shape,
    string? Type,
    string? Message,
    string? Code = null,
    string? RequestId = null,
    ApiError? Upstream = null,
    int? UpstreamStatus = null,
    string? Provider = null)
{
    public override string ToString() => Type is null ? $"{Shape}: {Message}" : $"{Shape} {Type}: {Message}";
}
