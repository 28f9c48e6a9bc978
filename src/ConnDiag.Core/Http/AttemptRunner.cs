using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ConnDiag.Findings;
using ConnDiag.Http.Transport;
using ConnDiag.Model;

namespace ConnDiag.Http;

/// <summary>
/// One attempt: the request, then each redirect (credentials only to the original origin, the pin only to the
/// original host and port), then the verdict on where it ended: transport failure, status, body, speed.
/// </summary>
internal sealed class AttemptRunner
{
    private readonly ExchangeRunner _runner;
    private readonly HttpProbeRequest _request;
    private readonly HttpProbeOptions _options;
    private readonly Regex? _pattern;
    private readonly IReadOnlyList<HttpHeaderField> _headers;

    public AttemptRunner(ExchangeRunner runner, HttpProbeRequest request, HttpProbeOptions options, Regex? pattern)
    {
        _runner = runner;
        _request = request;
        _options = options;
        _pattern = pattern;
        var headers = request.Headers.ToList();
        // A browser sends Origin on the CORS request itself too; the response's Allow-Origin is judged against it.
        if (options.Origin is { } origin && !headers.Any(h => h.Name.Equals("Origin", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new HttpHeaderField("Origin", origin));
        }
        _headers = headers;
    }

    public async Task<HttpAttempt> RunAsync(int number, double delayBeforeMs, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        var original = _request.Uri;
        var uri = original;
        var method = _request.Method;
        var body = _request.Body;
        var headers = _headers;
        var hops = new List<HttpExchange>();
        var findings = new List<Finding>();
        HopOutcome outcome;
        while (true)
        {
            var home = HttpText.SameOrigin(uri, original);
            var (send, dropped) = home ? (headers, (IReadOnlyList<string>)[]) : RedirectPolicy.WithoutCredentials(headers, _runner.Masker);
            var hop = new HopRequest(uri, method, send, body, dropped, home ? _options.ConnectTo : null, _pattern is not null || _options.KeepBody);
            outcome = await _runner.RunAsync(hop, cancellationToken).ConfigureAwait(false);
            hops.Add(outcome.Exchange);
            if (outcome.Failure is not null || !_options.FollowRedirects || outcome.RedirectTarget is not { } next) break;

            if (hops.Count - 1 >= _options.MaxRedirects)
            {
                findings.Add(FindingCatalog.Create(FindingCodes.HttpTooManyRedirects,
                    $"{Label(original)}: still redirecting after {_options.MaxRedirects} redirects.",
                    "Chain: " + string.Join(" -> ", hops.Select(h => $"{h.Uri} ({h.StatusCode})")) + $" -> {outcome.Exchange.Location}."));
                break;
            }
            if (home && !HttpText.SameOrigin(next, original))
            {
                findings.Add(OffHost(outcome.Exchange, original, next, headers));
            }
            var (nextMethod, nextBody, bodyDropped) = RedirectPolicy.Next(outcome.Exchange.StatusCode!.Value, method, body);
            if (bodyDropped) headers = RedirectPolicy.WithoutContentHeaders(headers);
            (uri, method, body) = (next, nextMethod, nextBody);
        }

        var durationMs = sw.Elapsed.TotalMilliseconds;
        if (outcome.Failure is { } failure)
        {
            findings.AddRange(failure.Findings);
        }
        else if (!findings.Any(f => f.Code == FindingCodes.HttpTooManyRedirects))
        {
            findings.AddRange(Verdict(outcome, durationMs, hops));
        }
        return new HttpAttempt(number, delayBeforeMs, durationMs, hops, findings) { Body = _options.KeepBody ? outcome.Body : null };
    }

    private List<Finding> Verdict(HopOutcome outcome, double durationMs, List<HttpExchange> hops)
    {
        var e = outcome.Exchange;
        var label = $"{Label(_request.Uri)}";
        var credentials = e.RequestHeaders.Where(h => _runner.Masker.IsSensitiveHeader(h.Name)).Select(h => h.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var findings = StatusFindings.For(e, label, _options, credentials);
        if (e.BodyTruncated)
        {
            findings.Add(FindingCatalog.Create(FindingCodes.HttpBodyTruncated,
                $"{label}: the body is larger than {_options.MaxBodyBytes} bytes; reading stopped there.",
                $"{e.BodyBytesRead} body bytes read" + (e.ContentLength is { } cl ? $" of the {cl} announced" : " (no Content-Length)") + "."));
        }
        if (_pattern is not null && !OutcomeRules.HasError(findings) && BodyMismatch(outcome, label) is { } mismatch)
        {
            findings.Add(mismatch);
        }
        if (durationMs >= _options.WarnMs)
        {
            var critical = durationMs >= _options.CriticalMs;
            var threshold = critical ? $"critical threshold {HttpText.Ms(_options.CriticalMs)}" : $"warning threshold {HttpText.Ms(_options.WarnMs)}";
            var slow = FindingCatalog.Create(FindingCodes.HttpSlow,
                $"{label} took {HttpText.Ms(durationMs)}, over the {threshold}.",
                string.Join("; ", hops.Select(h => $"{h.RequestLine} -> {HttpText.Status(h)}: {HttpText.Phases(h.Phases)}")));
            findings.Add(critical ? slow with { Severity = Severity.Error } : slow);
        }
        return findings;
    }

    private Finding? BodyMismatch(HopOutcome outcome, string label)
    {
        var e = outcome.Exchange;
        var text = BodyPreview.Decode(outcome.Body ?? [], outcome.Charset);
        var checkedText = $"{e.BodyBytesRead} body bytes checked{(e.BodyTruncated ? " (the body was cut at the cap)" : "")}";
        var pattern = _runner.Masker.MaskText(_options.ExpectBodyPattern);
        try
        {
            if (_pattern!.IsMatch(text)) return null;
            return FindingCatalog.Create(FindingCodes.HttpUnexpectedBody,
                $"{label}: the body does not match /{pattern}/.",
                $"{checkedText}; status {HttpText.Status(e)}; body starts: {Preview(e)}");
        }
        catch (RegexMatchTimeoutException)
        {
            return FindingCatalog.Create(FindingCodes.HttpUnexpectedBody,
                $"{label}: matching the body against /{pattern}/ did not finish within {HttpText.Seconds(_options.BodyPatternTimeout)}.",
                $"{checkedText}; simplify the pattern (nested quantifiers backtrack catastrophically).");
        }
    }

    private Finding OffHost(HttpExchange from, Uri original, Uri next, IReadOnlyList<HttpHeaderField> headers)
    {
        var (_, dropped) = RedirectPolicy.WithoutCredentials(headers, _runner.Masker);
        var what = dropped.Count > 0 ? $"{string.Join(", ", dropped)} {(dropped.Count == 1 ? "was" : "were")} not sent there" : "no credentials were involved";
        return FindingCatalog.Create(FindingCodes.HttpRedirectOffHost,
            $"{HttpText.Origin(original)} redirected to another host, {HttpText.Origin(next)}; {what}.",
            $"{from.RequestLine} -> {HttpText.Status(from)}, Location: {from.Location}.");
    }

    private string Label(Uri uri) => $"{_request.Method} {_runner.Masker.MaskUri(uri)}";

    private static string Preview(HttpExchange e)
    {
        if (e.BodyPreview is not { } p) return e.BodyBytesRead == 0 ? "(empty)" : "(binary)";
        var one = p.ReplaceLineEndings(" ").Trim();
        return string.Create(CultureInfo.InvariantCulture, $"\"{(one.Length > 200 ? one[..200] + "…" : one)}\"");
    }
}
