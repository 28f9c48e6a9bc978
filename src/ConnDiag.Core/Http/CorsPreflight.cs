using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Http;

/// <summary>
/// The browser's side of CORS: the preflight it would send for this request, and the checks of the Fetch
/// standard on the answer (status 2xx, Allow-Origin matching the origin or <c>*</c> without credentials,
/// Allow-Credentials for credentialed requests, the method and every non-safelisted header allowed).
/// </summary>
internal static class CorsPreflight
{
    private static readonly string[] SafelistedMethods = ["GET", "HEAD", "POST"];

    // Headers a page cannot set or that never need permission; the browser does not list them in the preflight.
    private static readonly HashSet<string> NeverRequested = new(StringComparer.OrdinalIgnoreCase)
    {
        "accept", "accept-language", "content-language", "host", "content-length", "connection", "user-agent",
        "origin", "cookie", "referer", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "via", "date",
        "expect", "dnt", "accept-encoding", "accept-charset",
    };

    private static readonly string[] SafelistedContentTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    public static async Task<(CorsCheck Check, List<Finding> Findings)> RunAsync(
        ExchangeRunner runner, HttpProbeRequest request, HttpProbeOptions options, string origin, CancellationToken cancellationToken)
    {
        var requested = RequestedHeaders(request.Headers);
        var headers = new List<HttpHeaderField>
        {
            new("Origin", origin),
            new("Access-Control-Request-Method", request.Method),
        };
        if (requested.Count > 0) headers.Add(new HttpHeaderField("Access-Control-Request-Headers", string.Join(',', requested)));
        // A browser never sends credentials on a preflight.
        var dropped = request.Headers.Where(h => runner.Masker.IsSensitiveHeader(h.Name)).Select(h => h.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var hop = new HopRequest(request.Uri, "OPTIONS", headers, null, dropped, options.ConnectTo, KeepBody: false);
        var outcome = await runner.RunAsync(hop, cancellationToken).ConfigureAwait(false);
        var e = outcome.Exchange;

        var creds = options.CorsWithCredentials;
        var allowOrigin = First(e, "Access-Control-Allow-Origin");
        var allowMethods = Joined(e, "Access-Control-Allow-Methods");
        var allowHeaders = Joined(e, "Access-Control-Allow-Headers");
        var allowCredentials = string.Equals(First(e, "Access-Control-Allow-Credentials"), "true", StringComparison.Ordinal);

        var problems = new List<string>();
        if (outcome.Failure is { } failure)
        {
            problems.Add($"the preflight got no response: {failure.Error}");
        }
        else
        {
            if (e.StatusCode is not (>= 200 and <= 299))
            {
                problems.Add($"the preflight answered {HttpText.Status(e)}; a browser needs a 2xx answer and does not follow redirects on a preflight");
            }
            if (OriginProblem(allowOrigin, origin, creds) is { } originProblem) problems.Add(originProblem);
            if (creds && !allowCredentials) problems.Add("Access-Control-Allow-Credentials is not 'true', which a credentialed request needs");
            if (!SafelistedMethods.Contains(request.Method, StringComparer.Ordinal))
            {
                var methods = List(allowMethods);
                if (!methods.Contains(request.Method, StringComparer.Ordinal) && (creds || !methods.Contains("*")))
                {
                    problems.Add($"method {request.Method} is not in Access-Control-Allow-Methods: {Shown(allowMethods)}");
                }
            }
            var allowed = List(allowHeaders).Select(h => h.ToLowerInvariant()).ToList();
            var missing = requested
                .Where(h => !allowed.Contains(h) && (creds || !allowed.Contains("*") || h == "authorization"))
                .ToList();
            if (missing.Count > 0)
            {
                problems.Add($"request header{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not in Access-Control-Allow-Headers: {Shown(allowHeaders)}"
                    + (missing.Contains("authorization") && allowed.Contains("*") ? "; '*' never covers Authorization" : ""));
            }
        }

        var check = new CorsCheck(origin, request.Method, requested, creds, e, allowOrigin, allowMethods, allowHeaders, allowCredentials, problems.Count == 0, problems);
        var findings = new List<Finding>();
        if (problems.Count > 0)
        {
            var label = $"{request.Method} {runner.Masker.MaskUri(request.Uri)}";
            findings.Add(FindingCatalog.Create(FindingCodes.HttpCorsDenied,
                $"{label}: a browser on {origin} would block it: {problems[0]}{(problems.Count > 1 ? $" (and {problems.Count - 1} more)" : "")}.",
                $"{string.Join("; ", problems)}. The preflight (OPTIONS {e.RequestLine.Split(' ')[1]}) got {(e.HasResponse ? HttpText.Status(e) : "no response")}; "
                + $"the server allowed origin {Shown(allowOrigin)}, methods {Shown(allowMethods)}, headers {Shown(allowHeaders)}, credentials {(allowCredentials ? "true" : "not allowed")}."));
        }
        return (check, findings);
    }

    /// <summary>The actual response must name the origin too, or the browser hides it from the page.</summary>
    public static Finding? CheckResponse(HttpExchange final, string label, string origin, bool withCredentials)
    {
        if (!final.HasResponse) return null;
        var allowOrigin = First(final, "Access-Control-Allow-Origin");
        var problem = OriginProblem(allowOrigin, origin, withCredentials);
        if (problem is null) return null;
        return FindingCatalog.Create(FindingCodes.HttpCorsDenied,
            $"{label}: the preflight passed, but a browser on {origin} would not let the page read the response: {problem}.",
            $"{final.RequestLine} -> {HttpText.Status(final)}; Access-Control-Allow-Origin on the response: {Shown(allowOrigin)}.");
    }

    /// <summary>Access-Control-Request-Headers: the request's header names a browser must ask permission for, lower case and sorted.</summary>
    public static List<string> RequestedHeaders(IEnumerable<HttpHeaderField> headers) => headers
        .Where(h => !NeverRequested.Contains(h.Name))
        .Where(h => !(h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                      && SafelistedContentTypes.Contains(h.Value.Split(';')[0].Trim(), StringComparer.OrdinalIgnoreCase)))
        .Select(h => h.Name.ToLowerInvariant())
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string? OriginProblem(string? allowOrigin, string origin, bool creds)
    {
        if (allowOrigin is null) return "there is no Access-Control-Allow-Origin header";
        if (allowOrigin == "*") return creds ? "Access-Control-Allow-Origin is '*', which a credentialed request may not use" : null;
        return string.Equals(allowOrigin, origin, StringComparison.Ordinal) ? null : $"Access-Control-Allow-Origin is '{allowOrigin}', not '{origin}'";
    }

    private static string? First(HttpExchange e, string name) => e.HeaderValues(name).Select(v => v.Trim()).FirstOrDefault();

    private static string? Joined(HttpExchange e, string name)
    {
        var all = e.HeaderValues(name).ToList();
        return all.Count == 0 ? null : string.Join(", ", all);
    }

    private static List<string> List(string? value) =>
        (value ?? "").Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

    private static string Shown(string? value) => value is null ? "(none)" : $"'{value}'";
}
