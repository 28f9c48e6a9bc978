using System.Net;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;

namespace ConnDiag.Diagnosis;

/// <summary>
/// What a diagnosis is about and what its stages have proved so far. Each fact is set by the stage that proved it
/// (DNS the addresses, TCP the endpoints that accepted, proxy the route), so later stages use exactly those.
/// </summary>
public sealed class DiagnosticContext
{
    private readonly List<StageResult> _completed = [];

    /// <param name="target">Host and port.</param>
    /// <param name="uri">The URL when the target was one; null for a bare host:port.</param>
    /// <param name="options">The diagnosis options.</param>
    public DiagnosticContext(Target target, Uri? uri, EndpointDiagnosisOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        Target = target;
        Uri = uri;
        Options = options;
    }

    /// <summary>Host and port.</summary>
    public Target Target { get; }

    /// <summary>The URL, or null for a bare host:port target.</summary>
    public Uri? Uri { get; }

    /// <summary>The URL's scheme in lower case (<c>http</c>, <c>https</c>), or null for a bare host:port target.</summary>
    public string? Scheme => Uri?.Scheme.ToLowerInvariant();

    /// <summary>True when the target speaks TLS: an https URL, or a bare target with <see cref="EndpointDiagnosisOptions.UseTls"/>.</summary>
    public bool UsesTls => Scheme is null ? Options.UseTls : Scheme == "https";

    /// <summary>The diagnosis options.</summary>
    public EndpointDiagnosisOptions Options { get; }

    /// <summary>The port connections go to: the target's, or the one <see cref="EndpointDiagnosisOptions.ConnectTo"/> pins.</summary>
    public int ConnectPort => Options.ConnectTo is { Port: > 0 } pin ? pin.Port : Target.Port;

    /// <summary>The target's addresses as the DNS stage found them (the literal itself for an IP target); null before it ran.</summary>
    public IReadOnlyList<IPAddress>? ResolvedAddresses { get; set; }

    /// <summary>The endpoints that accepted a TCP connection, in resolver order; empty before the TCP stage or when none did.</summary>
    public IReadOnlyList<IPEndPoint> ProvenEndPoints { get; set; } = [];

    /// <summary>The endpoint later stages are pinned to: the first one TCP proved, or null.</summary>
    public IPEndPoint? ProvenEndPoint => ProvenEndPoints.Count > 0 ? ProvenEndPoints[0] : null;

    /// <summary>The proxy stage's result (route decision and tunnel), or null before it ran.</summary>
    public ProxyProbeResult? Proxy { get; set; }

    /// <summary>The route the proxy stage decided, or null before it ran.</summary>
    public ProxyDecision? ProxyDecision => Proxy?.Decision;

    /// <summary>True when the proxy stage found the requests go through a proxy.</summary>
    public bool ViaProxy => ProxyDecision?.Route == ProxyRoute.ViaProxy;

    /// <summary>Results of the stages that finished, in order.</summary>
    public IReadOnlyList<StageResult> Completed => _completed;

    internal void Record(StageResult result) => _completed.Add(result);
}
