using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ConnDiag.Claude.Api;
using ConnDiag.Dns;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;
using ConnDiag.Ports;
using ConnDiag.Tcp;

namespace ConnDiag.Claude.Router;

/// <summary>
/// Probes the router a config describes, the way a client meets it: TCP to HOST:PORT, <c>GET /health</c>,
/// the <c>GET /</c> fingerprint (v2 "LLMs API", v3 "claude-code-router", else something else holds the port),
/// then one request with APIKEY (v3 <c>GET /v1/models</c> with Bearer, v2 <c>POST /v1/messages/count_tokens</c>
/// with x-api-key and Bearer). Provider reachability through PROXY_URL is not probed here.
/// </summary>
public sealed class RouterProbe
{
    private readonly TcpProbe _tcp;
    private readonly HttpProbe _http = new(SystemAddressResolver.Instance);
    private readonly TimeSpan _timeout;

    /// <param name="owners">Listener table that explains a refused connect (null: this platform's, when it has one).</param>
    /// <param name="timeout">Limit for the connect and for each request.</param>
    public RouterProbe(IPortOwnerSource? owners = null, TimeSpan? timeout = null)
    {
        _timeout = timeout ?? TimeSpan.FromSeconds(5);
        owners ??= DefaultOwners();
        _tcp = new TcpProbe(SystemAddressResolver.Instance, owners: owners);
    }

    /// <summary>Probes the router at <paramref name="host"/>:<paramref name="port"/>; network outcomes are findings, never exceptions.</summary>
    /// <param name="host">HOST from the config (a wildcard address is reached over loopback).</param>
    /// <param name="port">PORT from the config.</param>
    /// <param name="apiKey">The resolved APIKEY, or null/empty when the config sets none (the auth step is then skipped).</param>
    /// <param name="cancellationToken">Stops the probe.</param>
    public async Task<RouterProbeResult> ProbeAsync(string host, int port, string? apiKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var sw = Stopwatch.StartNew();
        var address = ConnectHost(host);
        var endpoint = $"http://{Target.Format(address, port)}";
        var findings = new List<Finding>();

        var tcp = await _tcp.ProbeAsync(new Target(address, port), new TcpProbeOptions(_timeout), cancellationToken).ConfigureAwait(false);
        if (!tcp.Succeeded)
        {
            if (tcp.Attempts.Any(a => a.State == TcpPortState.Closed))
            {
                var owners = tcp.Findings.Where(f => f.Code.StartsWith("LOCAL.", StringComparison.Ordinal)).Select(f => f.Summary).ToList();
                findings.Add(FindingCatalog.Create(FindingCodes.RouterNotRunning,
                    $"claude-code-router is not running: {Target.Format(address, port)} refused the connection.",
                    owners.Count > 0 ? string.Join(" ", owners) : $"Connect to {Target.Format(address, port)} was refused; nothing listens there.",
                    "Start the router with `ccr start` (check with `ccr status`)."));
            }
            findings.AddRange(tcp.Findings);
            return new RouterProbeResult(endpoint, false, null, null, null, null, null, null, findings, sw.Elapsed.TotalMilliseconds);
        }

        var health = await GetAsync(endpoint, "/health", [], cancellationToken).ConfigureAwait(false);
        var healthStatus = JsonString(health.Final.BodyPreview, "status");

        var root = await GetAsync(endpoint, "/", [], cancellationToken).ConfigureAwait(false);
        var generation = Fingerprint(root.Final.BodyPreview);
        if (generation is null)
        {
            findings.Add(FindingCatalog.Create(FindingCodes.RouterNotARouter,
                $"Something else listens on {Target.Format(address, port)}: GET / is not claude-code-router's answer.",
                $"GET / answered {Describe(root.Final)}; claude-code-router answers {{\"message\":\"LLMs API\",...}} (v2) or {{\"name\":\"claude-code-router\",...}} (v3)."));
            return new RouterProbeResult(endpoint, true, health.StatusCode, healthStatus, null, null, null, null, findings, sw.Elapsed.TotalMilliseconds);
        }

        if (string.IsNullOrEmpty(apiKey))
        {
            return new RouterProbeResult(endpoint, true, health.StatusCode, healthStatus, generation, null, null, null, findings, sw.Elapsed.TotalMilliseconds);
        }

        var (label, result) = generation == RouterGeneration.V3
            ? ("GET /v1/models", await GetAsync(endpoint, "/v1/models", [new HttpHeaderField("Authorization", "Bearer " + apiKey)], cancellationToken).ConfigureAwait(false))
            : ("POST /v1/messages/count_tokens", await CountTokensAsync(endpoint, apiKey, cancellationToken).ConfigureAwait(false));
        var status = result.StatusCode;
        bool? accepted = status is null ? null : status is not (401 or 403);
        var call = new ApiCall(label, generation == RouterGeneration.V3 ? CredentialHeader.Bearer : CredentialHeader.Both);
        var classified = status is null ? null : ApiErrorClassifier.Classify(result.Final, call);
        if (accepted == false && classified?.Code != FindingCodes.AuthRouterKeyRejected)
        {
            // Any 401/403 from a fingerprinted router is its auth middleware, whatever the body looks like.
            classified = FindingCatalog.Create(FindingCodes.AuthRouterKeyRejected,
                $"{label} answered {status}: claude-code-router refused the configured APIKEY.", $"{label} answered {Describe(result.Final)}.");
        }
        if (classified is not null) findings.Add(classified);
        if (status is null) findings.AddRange(result.Findings);
        return new RouterProbeResult(endpoint, true, health.StatusCode, healthStatus, generation, label, status, accepted, findings, sw.Elapsed.TotalMilliseconds);
    }

    private Task<HttpProbeResult> GetAsync(string endpoint, string path, IReadOnlyList<HttpHeaderField> headers, CancellationToken cancellationToken) =>
        _http.ProbeAsync(new HttpProbeRequest(new Uri(endpoint + path)) { Headers = headers }, Options(), cancellationToken);

    private Task<HttpProbeResult> CountTokensAsync(string endpoint, string apiKey, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}");
        var request = new HttpProbeRequest(new Uri(endpoint + "/v1/messages/count_tokens"))
        {
            Method = "POST",
            Headers =
            [
                new HttpHeaderField("x-api-key", apiKey),
                new HttpHeaderField("Authorization", "Bearer " + apiKey),
                new HttpHeaderField("anthropic-version", "2023-06-01"),
                new HttpHeaderField("Content-Type", "application/json"),
            ],
            Body = body,
        };
        return _http.ProbeAsync(request, Options(), cancellationToken);
    }

    private HttpProbeOptions Options() => new()
    {
        Timeout = _timeout,
        ConnectTimeout = _timeout,
        FollowRedirects = false,
        MaxBodyBytes = 64 * 1024,
        BodyPreviewBytes = 4096,
        WarnMs = _timeout.TotalMilliseconds,
        CriticalMs = _timeout.TotalMilliseconds,
    };

    internal static RouterGeneration? Fingerprint(string? body) =>
        JsonString(body, "message") == "LLMs API" ? RouterGeneration.V2
        : JsonString(body, "name") == "claude-code-router" ? RouterGeneration.V3
        : null;

    private static string? JsonString(string? body, string name)
    {
        if (string.IsNullOrWhiteSpace(body) || !body.TrimStart().StartsWith('{')) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(HttpExchange e)
    {
        if (e.StatusCode is not { } s) return $"nothing ({e.Error})";
        var body = e.BodyPreview is { Length: > 0 } b ? b.Length > 200 ? b[..200] + "…" : b : "(empty body)";
        return $"{s.ToString(CultureInfo.InvariantCulture)} {e.ReasonPhrase}: {body.ReplaceLineEndings(" ")}";
    }

    /// <summary>The address a client uses for a listening address: the wildcard addresses are reached over loopback.</summary>
    private static string ConnectHost(string host)
    {
        var h = host.Trim('[', ']');
        if (h.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return "127.0.0.1";
        if (IPAddress.TryParse(h, out var a))
        {
            if (a.Equals(IPAddress.Any)) return "127.0.0.1";
            if (a.Equals(IPAddress.IPv6Any)) return "::1";
        }
        return h;
    }

    private static IPortOwnerSource? DefaultOwners()
    {
        try
        {
            return PortOwnerFinder.ForCurrentPlatform();
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}
