using ConnDiag.Model;
using ConnDiag.Secrets;
using ConnDiag.Tcp;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// Collects what one probe observed and freezes it into a <see cref="ProxyProbeResult"/>, scrubbing every text
/// that came from the proxy or names it of the configured secrets on the way out.
/// </summary>
internal sealed class ProxyProbeRecorder(ProxyProbeRequest request, ProxyDecision decision)
{
    private static readonly string[] KeptHeaders = ["Server", "Via", "Proxy-Authenticate", "WWW-Authenticate", "Proxy-Status", "X-Squid-Error", "Content-Type", "Retry-After", "Proxy-Connection", "Connection"];

    private readonly List<Finding> _findings = [];
    private readonly List<TcpAttempt> _attempts = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public ProxyProbeRequest Request { get; } = request;
    public ProxyDecision Decision { get; } = decision;
    public int? StatusCode { get; set; }
    public string? ReasonPhrase { get; set; }
    public IReadOnlyList<string> Schemes { get; set; } = [];
    public ConnectResponseHead? Head { get; set; }
    public string? BodySnippet { get; set; }
    public string? TlsProtocol { get; set; }
    public bool CertificateCheckSkipped { get; set; }
    public double? ResolveMs { get; set; }
    public double? ConnectMs { get; set; }
    public double? TlsMs { get; set; }
    public double? RoundTripMs { get; set; }

    public void Add(Finding finding) => _findings.Add(finding);

    public void AddAttempt(TcpAttempt attempt) => _attempts.Add(attempt);

    public IReadOnlyList<TcpAttempt> Attempts => _attempts;

    public ProxyProbeResult Finish(ProxyTunnelStatus status)
    {
        var secrets = Request.Settings.SecretValues.ToList();
        string Clean(string s) => SecretMasker.Scrub(s, secrets);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Head is not null)
        {
            foreach (var name in KeptHeaders)
            {
                var values = Head.GetAll(name).Take(8).ToList();
                if (values.Count > 0) headers[name] = Clean(string.Join(", ", values));
            }
        }
        return new ProxyProbeResult(
            Request.Target.Host,
            Request.Target.Port,
            Request.TargetScheme.ToLowerInvariant(),
            Request.Settings,
            Decision,
            _attempts.ToArray(),
            status,
            StatusCode,
            ReasonPhrase is null ? null : Clean(ReasonPhrase),
            Schemes,
            headers,
            BodySnippet,
            TlsProtocol,
            CertificateCheckSkipped,
            ResolveMs,
            ConnectMs,
            TlsMs,
            RoundTripMs,
            _clock.Elapsed.TotalMilliseconds,
            _findings.Select(f => f with { Summary = Clean(f.Summary), Evidence = Clean(f.Evidence), Remedy = Clean(f.Remedy) }).ToArray());
    }
}
