using System.Globalization;
using ConnDiag.Findings;
using ConnDiag.Model;

namespace ConnDiag.Http;

/// <summary>
/// Reads the final status like an operator would: which code it is, and the header that says what to do
/// (WWW-Authenticate, Allow, Retry-After). Without -ExpectStatus any status below 400 passes; with it, only the
/// listed statuses do, and a status with its own code (401, 404, 5xx...) keeps that code.
/// </summary>
internal static class StatusFindings
{
    public static List<Finding> For(HttpExchange e, string label, HttpProbeOptions options, IReadOnlyList<string> credentialsSent)
    {
        var status = e.StatusCode!.Value;
        if (IsNginxPlainOnTlsPort(e))
        {
            // nginx answers plain HTTP on its TLS port itself (its 497 case, sent as a 400 page), so the bytes
            // were HTTP, but the port is a TLS one all the same.
            return [Create(FindingCodes.HttpTlsOnPlainPort,
                $"{label}: the server expects TLS on this port: it answered \"{NginxPlainOnTlsText}\".", Evidence(e, ""))];
        }
        if (options.ExpectStatus is { } expected && expected.Contains(status)) return [];
        var line = $"{label} answered {HttpText.Status(e)}";
        var expectation = options.ExpectStatus is { } ex ? $"; expected {string.Join(" or ", ex.Select(Num))}" : "";
        var evidence = Evidence(e, expectation);
        var creds = credentialsSent.Count > 0 ? $"credentials were sent ({string.Join(", ", credentialsSent)}) and rejected" : "no credentials were sent";

        Finding? f = status switch
        {
            401 => Create(FindingCodes.HttpUnauthorized, $"{line}: {creds}; the server offers {Schemes(e)}.", evidence),
            403 => Create(FindingCodes.HttpForbidden, $"{line}: the server refuses this request ({creds.Replace(" and rejected", "", StringComparison.Ordinal)}).", evidence),
            404 => Create(FindingCodes.HttpNotFound, $"{line}: no such path on the server.", evidence),
            405 => Create(FindingCodes.HttpMethodNotAllowed, $"{line}: {AllowText(e)}.", evidence),
            429 => Create(FindingCodes.HttpRateLimited, $"{line}: rate limited; {RetryText(e)}.", evidence),
            502 => Create(FindingCodes.HttpBadGateway, $"{line}: the gateway in front of the service could not reach its backend.", evidence),
            503 => Create(FindingCodes.HttpServiceUnavailable, $"{line}: the service is unavailable; {RetryText(e)}.", evidence),
            504 => Create(FindingCodes.HttpGatewayTimeout, $"{line}: the gateway in front of the service timed out waiting for its backend.", evidence),
            >= 500 and <= 599 => Create(FindingCodes.HttpServerError, $"{line}: the server failed to handle the request.", evidence),
            _ => null,
        };
        if (f is not null) return [f];

        var unexpected = options.ExpectStatus is { } list ? !list.Contains(status) : status >= 400;
        if (!unexpected) return [];
        var wanted = options.ExpectStatus is { } w ? $"expected {string.Join(" or ", w.Select(Num))}" : "expected a status below 400";
        return [Create(FindingCodes.HttpUnexpectedStatus, $"{line}; {wanted}.", evidence)];
    }

    private const string NginxPlainOnTlsText = "The plain HTTP request was sent to HTTPS port";

    private static bool IsNginxPlainOnTlsPort(HttpExchange e) =>
        e.StatusCode == 400 && e.Uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        && e.BodyPreview?.Contains(NginxPlainOnTlsText, StringComparison.Ordinal) == true;

    private static Finding Create(string code, string summary, string evidence) => FindingCatalog.Create(code, summary, evidence);

    private static string Evidence(HttpExchange e, string expectation)
    {
        var parts = new List<string> { $"{e.RequestLine} -> {HttpText.Status(e)}{expectation}" };
        foreach (var name in new[] { "WWW-Authenticate", "Allow", "Retry-After", "Server", "Via" })
        {
            foreach (var v in e.HeaderValues(name)) parts.Add($"{name}: {v}");
        }
        if (e.BodyPreview is { Length: > 0 } body)
        {
            var oneLine = body.ReplaceLineEndings(" ").Trim();
            parts.Add("body: " + (oneLine.Length > 200 ? oneLine[..200] + "…" : oneLine));
        }
        parts.Add("phases: " + HttpText.Phases(e.Phases));
        return string.Join("; ", parts);
    }

    private static string Schemes(HttpExchange e)
    {
        var schemes = e.HeaderValues("WWW-Authenticate")
            .SelectMany(v => v.Split(','))
            // A challenge starts with its scheme token; the "name=value" parts after a comma are its parameters.
            .Select(p => p.Trim().Split(' ', 2)[0])
            .Where(w => w.Length > 0 && !w.Contains('=', StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return schemes.Count > 0 ? string.Join(", ", schemes) : "no scheme (no WWW-Authenticate header)";
    }

    private static string AllowText(HttpExchange e)
    {
        var allow = string.Join(", ", e.HeaderValues("Allow")).Trim();
        return allow.Length > 0 ? $"the server allows {allow}" : "the server does not list the allowed methods (no Allow header)";
    }

    private static string RetryText(HttpExchange e) =>
        e.RetryAfterSeconds is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"Retry-After asks to wait {s:0.#} s")
            : "no Retry-After header";

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
