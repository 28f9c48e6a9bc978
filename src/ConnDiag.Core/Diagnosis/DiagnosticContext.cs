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
        if (Scheme is { } scheme)
        {
            // Decided before any stage runs (no network): whether dns and tcp toward the target matter depends on it.
            ProxySettings = ProxySettings.Resolve(scheme, options.Proxy, options.EnvironmentVariables);
            PlannedRoute = ProxySettings.Decide(target.Host, target.Port);
        }
    }

    /// <summary>
    /// The resolver for names other than the target's (the proxy, redirect hosts): the same configuration and
    /// servers as the DNS stage, so one diagnosis never mixes two resolvers' views.
    /// </summary>
    public Dns.IAddressResolver AddressResolver => _resolver ??= Options.ResolverConfiguration is { } config
        ? new Dns.Client.SystemDnsResolver(config, Options.Dns.SystemServers)
        : Dns.Client.SystemDnsResolver.ForCurrentSystem(Options.Dns.SystemServers);

    private Dns.IAddressResolver? _resolver;

    /// <summary>The proxy settings for the URL's scheme (options, then the environment); null for a bare host:port target.</summary>
    public ProxySettings? ProxySettings { get; }

    /// <summary>The route the proxy settings give the target, decided before any stage runs; null for a bare host:port target.</summary>
    public ProxyDecision? PlannedRoute { get; }

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

    /// <summary>True when the requests go through a proxy: dns and tcp toward the target are then the proxy's business.</summary>
    public bool ViaProxy => PlannedRoute?.Route == ProxyRoute.ViaProxy;

    /// <summary>Results of the stages that finished, in order.</summary>
    public IReadOnlyList<StageResult> Completed => _completed;

    internal void Record(StageResult result) => _completed.Add(result);
}
