namespace ConnDiag.Monitoring.Prometheus;

/// <summary>
/// Every family ConnDiag writes, in the order they appear in the output. Units are base units (seconds) and in
/// the name; nothing is a counter (each result is a snapshot), so no name ends in _total.
/// </summary>
public static class MetricFamilies
{
    public static readonly MetricFamily ProbeSuccess = Gauge("conndiag_probe_success",
        "1 when the check passed (no failed stage or Error finding; for a status page, the provider is operational), else 0.");

    public static readonly MetricFamily ProbeDuration = Gauge("conndiag_probe_duration_seconds",
        "Wall time of the whole check.");

    public static readonly MetricFamily ProbeTimestamp = Gauge("conndiag_probe_timestamp_seconds",
        "When the check started, as a Unix time; compare with time() to see how old the file is.");

    public static readonly MetricFamily Findings = Gauge("conndiag_findings",
        "Findings of the check with this code and severity (docs/findings.md); absent when there are none.");

    public static readonly MetricFamily StageDuration = Gauge("conndiag_stage_duration_seconds",
        "Wall time of one stage of a layered diagnosis (stages that did not run are left out).");

    public static readonly MetricFamily StageOutcome = Gauge("conndiag_stage_outcome",
        "1 for the stage's outcome (Pass, Warn, Fail, Skipped), 0 for the others.");

    public static readonly MetricFamily HttpPhase = Gauge("conndiag_http_phase_seconds",
        "Time of one phase of the HTTP request (dns, connect, proxy, tls, ttfb, transfer, total), summed over the redirect hops of the last attempt.");

    public static readonly MetricFamily HttpStatus = Gauge("conndiag_http_status_code",
        "The final HTTP status code; absent when no response arrived.");

    public static readonly MetricFamily TlsExpiry = Gauge("conndiag_tls_certificate_expiry_timestamp_seconds",
        "Earliest notAfter of the certificates in the chain, as a Unix time.");

    public static readonly MetricFamily TlsTrusted = Gauge("conndiag_tls_certificate_trusted",
        "1 when the chain leads to a trusted root without errors, else 0.");

    public static readonly MetricFamily TlsHandshake = Gauge("conndiag_tls_handshake_seconds",
        "TLS handshake time after the TCP connect.");

    public static readonly MetricFamily TcpOpen = Gauge("conndiag_tcp_port_open",
        "1 when the TCP handshake with this address completed, else 0.");

    public static readonly MetricFamily TcpConnect = Gauge("conndiag_tcp_connect_seconds",
        "Time from starting the TCP connect to its verdict (the timeout when nothing answered).");

    public static readonly MetricFamily ClockOffset = Gauge("conndiag_clock_offset_seconds",
        "Source time minus local time: positive when the local clock is behind.");

    public static readonly MetricFamily ClockUncertainty = Gauge("conndiag_clock_offset_uncertainty_seconds",
        "How far the true offset may be from the measured one.");

    public static readonly MetricFamily DnsResponse = Gauge("conndiag_dns_response_seconds",
        "Duration of the DNS attempt whose response was accepted.");

    public static readonly MetricFamily DnsAnswers = Gauge("conndiag_dns_answer_records",
        "Records in the answer section.");

    public static readonly MetricFamily DnsStatus = Gauge("conndiag_dns_status",
        "1 for the response code as dig writes it (NOERROR, NXDOMAIN, ...) or the last attempt's outcome when none was accepted.");

    public static readonly MetricFamily StatusIndicator = Gauge("conndiag_provider_status_indicator",
        "1 for the status page's indicator (None, Minor, Major, Critical, Maintenance, Unknown), 0 for the others.");

    public static readonly MetricFamily StatusIncidents = Gauge("conndiag_provider_unresolved_incidents",
        "Incidents the status page lists as not resolved.");

    public static readonly MetricFamily WatchLatency = Gauge("conndiag_watch_latency_seconds",
        "Latency percentile (50 or 95) over the watch's rolling window.");

    public static readonly MetricFamily WatchErrorRatio = Gauge("conndiag_watch_error_ratio",
        "Failed probes in the watch's rolling window, as a ratio from 0 to 1.");

    public static readonly MetricFamily WatchWindow = Gauge("conndiag_watch_window_probes",
        "Probes in the watch's rolling window.");

    public static readonly MetricFamily WatchState = Gauge("conndiag_watch_state",
        "1 for the watch's state against its thresholds (Ok, Warning, Critical), 0 for the others.");

    /// <summary>All families, in output order.</summary>
    public static IReadOnlyList<MetricFamily> All { get; } =
    [
        ProbeSuccess, ProbeDuration, ProbeTimestamp, Findings, StageDuration, StageOutcome, HttpPhase, HttpStatus,
        TlsExpiry, TlsTrusted, TlsHandshake, TcpOpen, TcpConnect, ClockOffset, ClockUncertainty, DnsResponse, DnsAnswers,
        DnsStatus, StatusIndicator, StatusIncidents, WatchLatency, WatchErrorRatio, WatchWindow, WatchState,
    ];

    private static MetricFamily Gauge(string name, string help) => new(name, MetricType.Gauge, help);
}
