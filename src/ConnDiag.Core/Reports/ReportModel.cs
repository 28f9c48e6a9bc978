namespace ConnDiag.Reports;

/// <summary>
/// One report as the writers show it, read from the documented JSON shape (docs/json.md) so that a cmdlet's
/// object and a <c>conndiag ... --json</c> document render the same. Every text in it is already masked.
/// </summary>
/// <param name="Kind">What the JSON was: <c>Endpoint report</c>, <c>Claude connection report</c>, <c>TLS chain report</c>.</param>
/// <param name="Target">The URL, or host:port, the report is about.</param>
/// <param name="Outcome">Pass, Warn, Fail or Skipped, as the report says.</param>
/// <param name="FailedStage">The first failed stage, or null.</param>
/// <param name="StartedAt">When the diagnosis started, as written in the report (ISO 8601), or null.</param>
/// <param name="DurationMs">Wall time of the whole diagnosis, or null.</param>
/// <param name="Stages">Every stage in order.</param>
/// <param name="HttpPhases">The HTTP stage's phases (last attempt, each exchange), empty without an HTTP exchange.</param>
/// <param name="Findings">All findings, in stage order.</param>
/// <param name="Certificates">The TLS stage's chain, leaf first; empty without one.</param>
/// <param name="DnsAnswers">The DNS stage's answers; empty without a DNS stage that asked.</param>
/// <param name="Claude">The Claude-only parts, or null for other reports.</param>
public sealed record ReportView(
    string Kind,
    string Target,
    string Outcome,
    string? FailedStage,
    string? StartedAt,
    double? DurationMs,
    IReadOnlyList<StageView> Stages,
    IReadOnlyList<PhaseView> HttpPhases,
    IReadOnlyList<FindingView> Findings,
    IReadOnlyList<CertificateView> Certificates,
    IReadOnlyList<DnsRecordView> DnsAnswers,
    ClaudeView? Claude);

/// <summary>One stage: its verdict, wall time and one line for people.</summary>
public sealed record StageView(string Name, string Layer, string Outcome, double DurationMs, string Summary);

/// <summary>
/// One HTTP phase of one exchange (curl <c>-w</c> style), from the HTTP stage's evidence.
/// <paramref name="Exchange"/> numbers the request and each redirect hop from 1; <paramref name="Failed"/> marks the phase the exchange failed in.
/// </summary>
public sealed record PhaseView(int Exchange, string Phase, double Ms, bool Failed);

/// <summary>A finding as the catalogue states it.</summary>
public sealed record FindingView(string Code, string Layer, string Severity, string Summary, string Evidence, string Remedy);

/// <summary>One certificate of the chain, leaf first.</summary>
public sealed record CertificateView(string Subject, string Issuer, string NotAfter, long? DaysUntilExpiry, bool SentByServer);

/// <summary>One DNS answer record with the server and question that produced it (or the response code when it had none).</summary>
public sealed record DnsRecordView(string Server, string Question, string Type, string Status, string Name, long? TtlSeconds, string Data);

/// <summary>What only a Claude connection report carries: profile, effective configuration, request ids, rate limits.</summary>
public sealed record ClaudeView(
    string Profile,
    string BaseUrl,
    string BaseUrlSource,
    IReadOnlyList<ConfigValueView> Config,
    IReadOnlyList<string> RequestIds,
    IReadOnlyList<RateLimitView> RateLimits);

/// <summary>One effective configuration value (secrets masked) and where it came from.</summary>
public sealed record ConfigValueView(string Name, string Value, string Source);

/// <summary>One rate-limit window from the last response.</summary>
public sealed record RateLimitView(string Kind, long? Limit, long? Remaining, string? ResetsAt);
