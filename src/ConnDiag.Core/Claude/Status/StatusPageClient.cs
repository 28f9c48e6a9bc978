using System.Text;
using ConnDiag.Dns;
using ConnDiag.Findings;
using ConnDiag.Http;
using ConnDiag.Model;

namespace ConnDiag.Claude.Status;

/// <summary>
/// Reads a provider's Atlassian Statuspage (<c>GET {page}/api/v2/summary.json</c>) through <see cref="HttpProbe"/>,
/// so the request has the same timeouts, body cap, redirect rules and DNS/TCP/TLS/HTTP findings as every other
/// ConnDiag request. Nothing here throws for what the network or the page does: that is in the report.
/// </summary>
public sealed class StatusPageClient
{
    private readonly HttpProbe _probe;

    /// <param name="resolver">Name lookup (system resolver by default).</param>
    /// <param name="connector">The connect step (e.g. a proxy tunnel); overrides <paramref name="resolver"/>.</param>
    public StatusPageClient(IAddressResolver? resolver = null, IHttpConnector? connector = null)
    {
        _probe = new HttpProbe(resolver, connector);
    }

    /// <summary>Reads one page and says what it reports.</summary>
    /// <exception cref="ArgumentException">Invalid options (timeout, body cap, CA bundle); the message names it.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<ProviderStatusReport> GetAsync(StatusPageTarget target, StatusPageOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        options ??= StatusPageOptions.Default;
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > StatusPageOptions.MaxTimeout)
        {
            throw new ArgumentException($"Timeout must be more than 0 and at most {StatusPageOptions.MaxTimeout.TotalSeconds} s (got {options.Timeout.TotalSeconds} s).", nameof(options));
        }
        var key = CacheKey(target, options);
        if (options.Cache is { } cache && cache.TryGet(key, out var cached)) return cached with { FromCache = true };
        var fetchedAt = options.Cache?.Now ?? DateTimeOffset.UtcNow;
        var request = new HttpProbeRequest(target.SummaryUrl)
        {
            Headers = [new HttpHeaderField("Accept", "application/json")],
        };
        var probeOptions = new HttpProbeOptions
        {
            Timeout = options.Timeout,
            ConnectTimeout = options.Timeout < TimeSpan.FromSeconds(5) ? options.Timeout : TimeSpan.FromSeconds(5),
            MaxBodyBytes = options.MaxBodyBytes,
            ConnectTo = options.ConnectTo,
            Proxy = options.Proxy,
            CaBundlePath = options.CaBundlePath,
            // How fast a status page answers is not what anyone asked: no HTTP.SLOW.
            WarnMs = 1e12,
            CriticalMs = 1e12,
            KeepBody = true,
        };
        var result = await _probe.ProbeAsync(request, probeOptions, cancellationToken).ConfigureAwait(false);
        var report = Judge(target, result, options) with { FetchedAt = fetchedAt };
        options.Cache?.Add(key, report);
        return report;
    }

    /// <summary>The same page reached the same way: a pinned address, another proxy or other roots may see something else.</summary>
    private static string CacheKey(StatusPageTarget target, StatusPageOptions options) =>
        string.Join('\n', target.SummaryUrl.AbsoluteUri, options.ConnectTo?.ToString() ?? "",
            options.Proxy?.GetProxy(target.SummaryUrl)?.AbsoluteUri ?? "", options.CaBundlePath ?? "");

    private static ProviderStatusReport Judge(StatusPageTarget target, HttpProbeResult result, StatusPageOptions options)
    {
        var final = result.Final;
        var findings = new List<Finding>();
        if (final.StatusCode is not { } status)
        {
            // No answer: DNS, TCP, TLS, proxy or timeout findings from the probe say why.
            return Unread(target, result, result.Findings);
        }
        if (status >= 400)
        {
            if (status is 404 or 410) findings.Add(ProviderStatusFindings.Unsupported(target, $"answered {status} (no Statuspage summary at this address)"));
            findings.AddRange(result.Findings);
            return Unread(target, result, findings);
        }
        if (OutcomeRules.HasError(result.Findings))
        {
            // An answer the probe already failed (e.g. still redirecting after the limit): its findings say why.
            return Unread(target, result, result.Findings);
        }
        if (final.BodyTruncated)
        {
            findings.Add(FindingCatalog.Create(FindingCodes.HttpBodyTruncated,
                $"The status summary at {target.SummaryUrl} is larger than {options.MaxBodyBytes} bytes; it was not read.",
                $"{final.BodyBytesRead} body bytes read" + (final.ContentLength is { } cl ? $" of the {cl} announced" : " (no Content-Length)") + ".",
                "A Statuspage summary is tens of KiB: this URL serves something else, or raise the body cap if the page really is that large.")
                with { Severity = Severity.Error });
            findings.AddRange(result.Findings.Where(f => f.Code != FindingCodes.HttpBodyTruncated));
            return Unread(target, result, findings);
        }
        if (!StatuspageSummaryParser.TryParse(result.FinalBody ?? [], out var summary, out var problem))
        {
            var type = final.HeaderValues("Content-Type").FirstOrDefault() ?? "no Content-Type";
            findings.Add(ProviderStatusFindings.Unsupported(target, $"answered {status} ({type}) but {problem}; body starts: {Preview(final)}"));
            findings.AddRange(result.Findings);
            return Unread(target, result, findings);
        }

        if (ProviderStatusFindings.ForSummary(target, summary!) is { } said) findings.Add(said);
        findings.AddRange(result.Findings);
        return new ProviderStatusReport(target.Provider, target.PageUrl, summary!.PageName, summary.Indicator, summary.Description,
            summary.NonOperationalComponents, summary.UnresolvedIncidents, summary.ActiveMaintenances, summary.UpdatedAt,
            result.DurationMs, findings);
    }

    private static ProviderStatusReport Unread(StatusPageTarget target, HttpProbeResult result, IReadOnlyList<Finding> findings) =>
        new(target.Provider, target.PageUrl, null, StatusIndicator.Unknown, null, [], [], [], null, result.DurationMs, findings);

    private static string Preview(HttpExchange e)
    {
        if (e.BodyPreview is not { } p) return e.BodyBytesRead == 0 ? "(empty)" : "(binary)";
        var one = new StringBuilder(p.Length);
        foreach (var c in p) one.Append(char.IsControl(c) ? ' ' : c);
        var text = one.ToString().Trim();
        return $"\"{(text.Length > 120 ? text[..120] + "…" : text)}\"";
    }
}
