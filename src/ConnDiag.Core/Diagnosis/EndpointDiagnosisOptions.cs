using ConnDiag.Dns;
using ConnDiag.Dns.Configuration;
using ConnDiag.Dns.Stage;
using ConnDiag.Http;
using ConnDiag.Http.Proxy;
using ConnDiag.Tls;

namespace ConnDiag.Diagnosis;

/// <summary>How to diagnose one endpoint. Each stage's own options are the engine's, as the single probes take them.</summary>
public sealed record EndpointDiagnosisOptions
{
    /// <summary>Defaults: proxies from the environment, system trust, 5 s per network step.</summary>
    public static EndpointDiagnosisOptions Default { get; } = new();

    /// <summary>Limit for each network step of the TCP, proxy and TLS stages (the HTTP stage uses <see cref="Http"/>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Restrict the target's addresses to IPv4 or IPv6.</summary>
    public AddressFamilyFilter Family { get; init; } = AddressFamilyFilter.Any;

    /// <summary>The DNS stage's options.</summary>
    public DnsStageOptions Dns { get; init; } = new();

    /// <summary>The resolver configuration for the DNS stage; null reads this machine's.</summary>
    public ResolverConfiguration? ResolverConfiguration { get; init; }

    /// <summary>Explain refusals on this machine with the listener table (LOCAL.* findings).</summary>
    public bool CheckLocalOwners { get; init; } = true;

    /// <summary>Proxy settings; <see cref="ProxyOptions.UseEnvironment"/> false makes the run independent of the environment.</summary>
    public ProxyOptions Proxy { get; init; } = ProxyOptions.Default;

    /// <summary>How to judge the TLS chain (trust store or CA bundle, revocation, expiry threshold).</summary>
    public TlsChainOptions TlsChain { get; init; } = TlsChainOptions.Default;

    /// <summary>Also find out which of TLS 1.2 and 1.3 the server accepts (extra handshakes).</summary>
    public bool CheckTlsProtocolSupport { get; init; }

    /// <summary>Handshake with a bare host:port target too (URLs decide by their scheme).</summary>
    public bool UseTls { get; init; }

    /// <summary>The HTTP stage's options; the diagnoser sets <see cref="HttpProbeOptions.ConnectTo"/> and <see cref="HttpProbeOptions.Proxy"/> itself.</summary>
    public HttpProbeOptions Http { get; init; } = HttpProbeOptions.Default;

    /// <summary>
    /// Connect to this address instead of resolving the name (like curl <c>--connect-to</c>): Host, SNI and the
    /// certificate check still use the name. A port of 0 keeps the target's port. The DNS stage then only reports.
    /// </summary>
    public System.Net.IPEndPoint? ConnectTo { get; init; }

    /// <summary>When the requests go through a proxy, also run the HTTP request direct and report the difference.</summary>
    public bool CompareDirect { get; init; }

    /// <summary>Method, headers and body of the HTTP request; null sends GET to the target URL.</summary>
    public Func<Uri, HttpProbeRequest>? HttpRequest { get; init; }

    /// <summary>
    /// Reads the environment variables the proxy settings come from (HTTPS_PROXY, NO_PROXY...); null reads the
    /// process environment. A profile passes the environment its client would run with (Claude Code's settings
    /// <c>env</c> blocks over the shell), so the route is the one that client takes.
    /// </summary>
    public Func<string, string?>? EnvironmentVariables { get; init; }
}
