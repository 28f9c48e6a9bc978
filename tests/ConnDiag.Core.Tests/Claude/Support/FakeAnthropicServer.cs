using System.Globalization;
using System.Text;
using System.Text.Json;
using ConnDiag.Core.Tests.Http.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConnDiag.Core.Tests.Claude.Support;

/// <summary>What sits at the base URL: Anthropic's API, a gateway that checks bearer tokens, or claude-code-router v2.</summary>
public enum FakeKind { Anthropic, BearerGateway, RouterV2 }

/// <summary>A canned failure for the authenticated endpoints, as the API, the edge, a proxy or the router sends it.</summary>
public enum FakeScenario
{
    None, Permission, RegionForbidden, RateLimited, Overloaded, Billing, ProxyHtml403, CloudflareChallenge, EnvoyText503,
    RouterProviderNotFound, RouterUpstreamError, RouterFetchFailed, EchoCredentials, CaptivePortal200,
}

/// <summary>How the fake streams <c>POST /v1/messages</c> with <c>"stream":true</c>.</summary>
public enum FakeStreamMode { Incremental, Buffered, ErrorAfterStart }

/// <summary>
/// A loopback HTTPS server that speaks the Anthropic wire format as documented (research spec §1): 404 JSON on
/// <c>/</c>, 405 on <c>GET /v1/messages</c>, <c>/v1/models</c> and <c>/v1/models/{id}</c>, count_tokens, messages
/// and SSE, the error body <c>{"type":"error","error":{…},"request_id":…}</c> with a <c>request-id</c> header and
/// rate-limit headers; and, by <see cref="Kind"/> and <see cref="Scenario"/>, the shapes of gateways, the edge and
/// claude-code-router. Served with a per-test root the client gets as NODE_EXTRA_CA_CERTS.
/// </summary>
internal sealed class FakeAnthropicServer : IAsyncDisposable
{
    public const string KnownModel = "claude-test-1";
    public const string OtherModel = "claude-test-0";
    public const string Version = "2023-06-01";

    private readonly TestWebServer _web;
    private int _requestCounter;

    private FakeAnthropicServer(TestWebServer web) => _web = web;

    public FakeKind Kind { get; set; } = FakeKind.Anthropic;
    public FakeScenario Scenario { get; set; } = FakeScenario.None;

    /// <summary>Apply <see cref="Scenario"/> to the unauthenticated paths too (a proxy or the edge answering everything).</summary>
    public bool ScenarioEverywhere { get; set; }
    public FakeStreamMode StreamMode { get; set; } = FakeStreamMode.Incremental;
    public string? ApiKey { get; set; }

    /// <summary>Answer count_tokens with a bare 404, as a gateway that only offers /v1/messages does.</summary>
    public bool WithoutCountTokens { get; set; }

    /// <summary>Answer Claude Code's preconnect probe <c>HEAD /api/hello</c> with 200 (a gateway that serves it); else 404.</summary>
    public bool ServesHello { get; set; }
    public string? BearerToken { get; set; }
    public int Port => _web.Port;
    public TestWebServer Web => _web;
    public IReadOnlyList<ReceivedRequest> Received => _web.Received.ToList();

    /// <summary>The base URL under the test name <c>api.test</c> (in the certificate); pin it to <see cref="TestWebServer.EndPoint"/>.</summary>
    public string BaseUrl => $"https://127.0.0.1:{Port}";

    public static Task<FakeAnthropicServer> StartAsync(TestCertificates certificates) => StartAsync(certificates.Leaf);

    public static async Task<FakeAnthropicServer> StartAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 leaf)
    {
        FakeAnthropicServer? fake = null;
        var web = await TestWebServer.StartAsync(app =>
        {
            app.MapGet("/", (HttpContext c) => fake!.Root(c));
            app.MapGet("/health", (HttpContext c) => fake!.Kind == FakeKind.RouterV2
                ? Json(c, 200, new { status = "ok", timestamp = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) })
                : fake.Error(c, 404, "not_found_error", "Not found"));
            app.MapGet("/v1/messages", (HttpContext c) => fake!.ScenarioEverywhere && fake.Scenario != FakeScenario.None
                ? fake.Fail(c)
                : fake.Error(c, 405, "invalid_request_error", "Method Not Allowed"));
            app.MapGet("/v1/models", (HttpContext c) => fake!.Authenticated(c, () => fake.Models(c)));
            app.MapGet("/v1/models/{id}", (HttpContext c, string id) => fake!.Authenticated(c, () => id is KnownModel or OtherModel
                ? Json(c, 200, new { type = "model", id, display_name = id, created_at = "2026-01-01T00:00:00Z" })
                : fake.Error(c, 404, "not_found_error", $"model: {id}")));
            app.MapPost("/v1/messages/count_tokens", (HttpContext c) => fake!.WithoutCountTokens
                ? Text(c, 404, "")
                : fake.Authenticated(c, () => fake.CountTokens(c)));
            app.MapPost("/v1/messages", (HttpContext c) => fake!.Authenticated(c, () => fake.Messages(c)));
            app.MapMethods("/api/hello", ["HEAD"], (HttpContext c) => fake!.ServesHello ? Text(c, 200, "") : fake.Error(c, 404, "not_found_error", "Not Found"));
        }, leaf);
        fake = new FakeAnthropicServer(web);
        return fake;
    }

    private string NextRequestId() => "req_fake" + Interlocked.Increment(ref _requestCounter).ToString("D6", CultureInfo.InvariantCulture);

    private Task Root(HttpContext c) => ScenarioEverywhere && Scenario != FakeScenario.None ? Fail(c) : Kind == FakeKind.RouterV2
        ? Json(c, 200, new { message = "LLMs API", version = "2.0.0" })
        : Error(c, 404, "not_found_error", "Not Found");

    private Task Authenticated(HttpContext c, Func<Task> next)
    {
        var key = c.Request.Headers["x-api-key"].ToString();
        var auth = c.Request.Headers.Authorization.ToString();
        var bearer = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : null;
        c.Response.Headers["request-id"] = NextRequestId();
        switch (Kind)
        {
            case FakeKind.RouterV2:
                if (BearerToken is not null)
                {
                    var given = bearer ?? (key.Length > 0 ? key : null);
                    if (given is null) return Text(c, 401, "APIKEY is missing");
                    if (given != BearerToken) return Text(c, 401, "Invalid API key");
                }
                break;
            case FakeKind.BearerGateway:
                if (bearer is null)
                {
                    c.Response.Headers.WWWAuthenticate = "Bearer realm=\"gateway\"";
                    return Error(c, 401, "authentication_error", "Missing bearer token in the Authorization header");
                }
                if (bearer != BearerToken) return Error(c, 401, "authentication_error", "Invalid bearer token");
                break;
            default:
                if (c.Request.Headers["anthropic-version"].ToString() != Version) return Error(c, 400, "invalid_request_error", "anthropic-version: header is required");
                if (bearer is not null && BearerToken is not null && bearer == BearerToken) break;
                if (key.Length == 0 && bearer is null) return Error(c, 401, "authentication_error", "x-api-key header is required");
                if (key != ApiKey) return Error(c, 401, "authentication_error", "invalid x-api-key");
                break;
        }
        return Scenario == FakeScenario.None ? next() : Fail(c);
    }

    private Task Fail(HttpContext c)
    {
        switch (Scenario)
        {
            case FakeScenario.Permission:
                return Error(c, 403, "permission_error", "Your API key does not have permission to use the specified resource.");
            case FakeScenario.RegionForbidden:
                return Json(c, 403, new { error = new { type = "forbidden", message = "Request not allowed" } });
            case FakeScenario.RateLimited:
                RateLimitHeaders(c, remaining: 0);
                c.Response.Headers.RetryAfter = "17";
                c.Response.Headers["x-should-retry"] = "true";
                return Error(c, 429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit");
            case FakeScenario.Overloaded:
                c.Response.Headers["x-should-retry"] = "true";
                return Error(c, 529, "overloaded_error", "Overloaded");
            case FakeScenario.Billing:
                return Error(c, 400, "invalid_request_error", "Your credit balance is too low to access the Anthropic API.");
            case FakeScenario.ProxyHtml403:
                c.Response.Headers["Via"] = "1.1 corp-proxy";
                c.Response.StatusCode = 403;
                c.Response.ContentType = "text/html";
                return c.Response.WriteAsync("<!DOCTYPE html><html><head><title>Access Denied by Corporate Policy</title></head><body>blocked</body></html>");
            case FakeScenario.CloudflareChallenge:
                c.Response.Headers["Server"] = "cloudflare";
                c.Response.StatusCode = 403;
                c.Response.ContentType = "text/html; charset=UTF-8";
                return c.Response.WriteAsync("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>challenge</body></html>");
            case FakeScenario.EnvoyText503:
                return Text(c, 503, "upstream connect error or disconnect/reset before headers. reset reason: connection failure");
            case FakeScenario.RouterProviderNotFound:
                return Json(c, 404, new { error = new { message = "Provider 'nope' not found", type = "api_error", code = "provider_not_found" } });
            case FakeScenario.RouterUpstreamError:
                var upstream = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},\"request_id\":\"req_upstream1\"}";
                return Json(c, 401, new { error = new { message = $"Error from provider(anthropic,claude-test-1: 401): {upstream}", type = "api_error", code = "provider_response_error" } });
            case FakeScenario.RouterFetchFailed:
                return Json(c, 500, new { error = new { message = "fetch failed", type = "api_error", code = "internal_error" } });
            case FakeScenario.CaptivePortal200:
                c.Response.StatusCode = 200;
                c.Response.ContentType = "text/html";
                return c.Response.WriteAsync("<html><head><title>Hotel WiFi Login</title></head><body>accept the terms</body></html>");
            case FakeScenario.EchoCredentials:
                // The careless gateway: it quotes the credentials back in a header and in the error body.
                var echo = $"x-api-key was '{c.Request.Headers["x-api-key"]}', Authorization was '{c.Request.Headers.Authorization}'";
                c.Response.Headers["X-Debug-Echo"] = echo;
                return Error(c, 401, "authentication_error", echo);
            default:
                throw new InvalidOperationException(Scenario.ToString());
        }
    }

    private Task Models(HttpContext c)
    {
        var limit = int.TryParse(c.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 20;
        var all = new[] { KnownModel, OtherModel };
        var page = all.Take(limit).Select(id => new { type = "model", id, display_name = id, created_at = "2026-01-01T00:00:00Z" }).ToArray();
        RateLimitHeaders(c, remaining: 49);
        return Json(c, 200, new { data = page, has_more = page.Length < all.Length, first_id = page.FirstOrDefault()?.id, last_id = page.LastOrDefault()?.id });
    }

    private async Task CountTokens(HttpContext c)
    {
        var model = await ModelOf(c);
        if (model is null) { await Error(c, 400, "invalid_request_error", "model: field required"); return; }
        if (model is not (KnownModel or OtherModel)) { await Error(c, 404, "not_found_error", $"model: {model}"); return; }
        await Json(c, 200, new { input_tokens = 8 });
    }

    private async Task Messages(HttpContext c)
    {
        using var doc = await ReadBody(c);
        var model = doc?.RootElement.TryGetProperty("model", out var m) == true ? m.GetString() : null;
        if (model is not (KnownModel or OtherModel)) { await Error(c, 404, "not_found_error", $"model: {model}"); return; }
        var stream = doc!.RootElement.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        if (!stream)
        {
            await Json(c, 200, new
            {
                id = "msg_fake1", type = "message", role = "assistant", model,
                content = new[] { new { type = "text", text = "H" } },
                stop_reason = "max_tokens", stop_sequence = (string?)null,
                usage = new { input_tokens = 8, output_tokens = 1 },
            });
            return;
        }
        await Sse(c, model!);
    }

    private async Task Sse(HttpContext c, string model)
    {
        c.Response.StatusCode = 200;
        c.Response.ContentType = "text/event-stream";
        c.Response.Headers["request-id"] = NextRequestId();
        c.Response.Headers.CacheControl = "no-cache";
        var events = new List<(string Name, string Data)>
        {
            ("message_start", $"{{\"type\":\"message_start\",\"message\":{{\"id\":\"msg_fake2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"{model}\",\"content\":[],\"usage\":{{\"input_tokens\":8,\"output_tokens\":0}}}}}}"),
            ("ping", "{\"type\":\"ping\"}"),
        };
        if (StreamMode == FakeStreamMode.ErrorAfterStart)
        {
            events.Add(("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        }
        else
        {
            events.Add(("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
            events.Add(("ping", "{\"type\":\"ping\"}"));
            events.Add(("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"H\"}}"));
            events.Add(("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
            events.Add(("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":1}}"));
            events.Add(("message_stop", "{\"type\":\"message_stop\"}"));
        }
        var buffered = new StringBuilder();
        foreach (var (name, data) in events)
        {
            var text = $"event: {name}\ndata: {data}\n\n";
            if (StreamMode == FakeStreamMode.Buffered)
            {
                buffered.Append(text);
                continue;
            }
            await c.Response.WriteAsync(text);
            await c.Response.Body.FlushAsync();
            // The real API spaces events by generation time; the gaps let a client see that they arrive one by one.
            await Task.Delay(150);
        }
        if (StreamMode == FakeStreamMode.Buffered)
        {
            // A buffering proxy: nothing until the upstream finished, then everything at once.
            await c.Response.Body.FlushAsync();
            await Task.Delay(150 * events.Count);
            await c.Response.WriteAsync(buffered.ToString());
        }
    }

    private static async Task<JsonDocument?> ReadBody(HttpContext c)
    {
        try
        {
            return await JsonDocument.ParseAsync(c.Request.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string?> ModelOf(HttpContext c)
    {
        using var doc = await ReadBody(c);
        return doc?.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("model", out var m) ? m.GetString() : null;
    }

    private static void RateLimitHeaders(HttpContext c, int remaining)
    {
        var reset = DateTimeOffset.UtcNow.AddSeconds(17).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        c.Response.Headers["anthropic-ratelimit-requests-limit"] = "50";
        c.Response.Headers["anthropic-ratelimit-requests-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        c.Response.Headers["anthropic-ratelimit-requests-reset"] = reset;
        c.Response.Headers["anthropic-ratelimit-tokens-limit"] = "40000";
        c.Response.Headers["anthropic-ratelimit-tokens-remaining"] = "39000";
        c.Response.Headers["anthropic-ratelimit-tokens-reset"] = reset;
    }

    private Task Error(HttpContext c, int status, string type, string message)
    {
        var id = NextRequestId();
        c.Response.Headers["request-id"] = id;
        return Json(c, status, new { type = "error", error = new { type, message }, request_id = id });
    }

    private static Task Json(HttpContext c, int status, object body)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = "application/json";
        return c.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static Task Text(HttpContext c, int status, string text)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = "text/plain; charset=utf-8";
        return c.Response.WriteAsync(text);
    }

    public ValueTask DisposeAsync() => _web.DisposeAsync();
}
