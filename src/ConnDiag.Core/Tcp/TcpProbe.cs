using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ConnDiag.Dns;
using ConnDiag.Dns.Client;
using ConnDiag.Findings;
using ConnDiag.Firewall;
using ConnDiag.Model;
using ConnDiag.Ports;

namespace ConnDiag.Tcp;

/// <summary>
/// Resolves a target and connects to every address it has (IPv4 and IPv6), so a broken address is seen
/// even when another one works — the failure `Test-Connection -TcpPort` hides by trying only the first.
/// </summary>
public sealed class TcpProbe
{
    private readonly IAddressResolver _resolver;
    private readonly ITcpConnector _connector;
    private readonly LocalListenerCheck? _local;
    private readonly LocalFirewallCheck? _firewall;

    /// <param name="resolver">Name lookup (system resolver by default).</param>
    /// <param name="connector">Connect step (real sockets by default).</param>
    /// <param name="owners">Listener table used to explain refusals on this machine; null turns that off.</param>
    /// <param name="firewall">Names the firewall rule behind a drop or reject on this machine; null turns that off.</param>
    public TcpProbe(IAddressResolver? resolver = null, ITcpConnector? connector = null, IPortOwnerSource? owners = null, LocalFirewallCheck? firewall = null)
    {
        _resolver = resolver ?? SystemAddressResolver.Instance;
        _connector = connector ?? TcpConnector.Instance;
        _local = owners is null ? null : new LocalListenerCheck(owners);
        _firewall = firewall;
    }

    /// <summary>
    /// A probe that resolves like the C library with ConnDiag's own DNS client (<see cref="SystemDnsResolver"/>:
    /// hosts file, configured servers, search list), real sockets and this platform's port-owner source.
    /// </summary>
    public static TcpProbe CreateDefault() => CreateDefault(SystemDnsResolver.ForCurrentSystem());

    /// <summary>
    /// Like <see cref="CreateDefault()"/> with another resolver, e.g. <see cref="SystemAddressResolver.Instance"/>
    /// (getaddrinfo) to compare with what the operating system's resolver says.
    /// </summary>
    public static TcpProbe CreateDefault(IAddressResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        IPortOwnerSource? owners;
        try
        {
            owners = PortOwnerFinder.ForCurrentPlatform();
        }
        catch (PlatformNotSupportedException)
        {
            // No listener table on this OS: refusals are still classified, just not explained.
            owners = null;
        }
        // nftables/iptables exist on Linux only; elsewhere a local drop stays TCP.FILTERED without a named rule.
        return new(resolver, owners: owners, firewall: OperatingSystem.IsLinux() ? LocalFirewallCheck.Shared : null);
    }

    /// <summary>Probes one target; each address is connected in parallel.</summary>
    public Task<TcpPortResult> ProbeAsync(Target target, TcpProbeOptions options, CancellationToken cancellationToken = default) =>
        ProbeAsync(target, options, gate: null, cancellationToken);

    /// <summary>Probes one target with its connects admitted by <paramref name="gate"/> (the sweep's throttle).</summary>
    internal async Task<TcpPortResult> ProbeAsync(Target target, TcpProbeOptions options, SemaphoreSlim? gate, CancellationToken cancellationToken)
    {
        var resolution = await _resolver.ResolveAsync(target.Host, options.Timeout, cancellationToken).ConfigureAwait(false);
        if (!resolution.Succeeded)
        {
            return Unresolved(target, resolution, FindingCatalog.Create(FailureCode(resolution),
                $"{target.Host} did not resolve: {resolution.Error}.",
                $"Lookup through the {resolution.Source} resolver failed after {resolution.DurationMs.ToString("0.#", CultureInfo.InvariantCulture)} ms: {resolution.Error}."));
        }

        var addresses = resolution.Addresses.Where(a => Wanted(a, options.Family)).ToList();
        if (addresses.Count == 0)
        {
            // A resolver may also succeed with an empty list; then no family is to blame.
            var family = options.Family switch
            {
                AddressFamilyFilter.IPv4 => "IPv4 ",
                AddressFamilyFilter.IPv6 => "IPv6 ",
                _ => "",
            };
            var got = resolution.Addresses.Count == 0 ? "no addresses" : string.Join(", ", resolution.Addresses);
            return Unresolved(target, resolution, FindingCatalog.Create(FindingCodes.DnsNoAddress,
                $"{target.Host} has no {family}address.",
                $"It resolved to {got} ({resolution.Source} resolver)."));
        }

        var attempts = await Task.WhenAll(addresses.Select(a => ConnectGatedAsync(new IPEndPoint(a, target.Port), options.Timeout, gate, cancellationToken))).ConfigureAwait(false);

        var findings = TcpFindings.For(target.Host, target.Port, attempts);
        var open = attempts.Count(a => a.State == TcpPortState.Open);
        var status = open == attempts.Length ? TcpTargetStatus.Open : open > 0 ? TcpTargetStatus.Partial : TcpTargetStatus.Failed;
        if (status != TcpTargetStatus.Open && options.CheckLocalOwners)
        {
            var local = new List<Finding>();
            if (_local is not null) local.AddRange(await _local.ExplainAsync(target.Host, target.Port, attempts, cancellationToken).ConfigureAwait(false));
            if (_firewall is not null) local.AddRange(await _firewall.ExplainAsync(target.Port, attempts, cancellationToken).ConfigureAwait(false));
            // When another address works (localhost reaching [::1] but not 127.0.0.1), the explanation is a
            // warning like the PARTIAL it explains: clients that pick the failing address still break.
            findings.AddRange(status == TcpTargetStatus.Partial ? local.Select(f => f.Severity == Severity.Error ? f with { Severity = Severity.Warning } : f) : local);
        }
        return new TcpPortResult(target.Host, target.Port, status, resolution.DurationMs, attempts, findings);
    }

    private async Task<TcpAttempt> ConnectGatedAsync(IPEndPoint endpoint, TimeSpan timeout, SemaphoreSlim? gate, CancellationToken cancellationToken)
    {
        if (gate is null) return await _connector.ConnectAsync(endpoint, timeout, cancellationToken).ConfigureAwait(false);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _connector.ConnectAsync(endpoint, timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static bool Wanted(IPAddress a, AddressFamilyFilter family) => family switch
    {
        AddressFamilyFilter.IPv4 => a.AddressFamily == AddressFamily.InterNetwork,
        AddressFamilyFilter.IPv6 => a.AddressFamily == AddressFamily.InterNetworkV6,
        _ => true,
    };

    /// <summary>
    /// The resolver's precise code when it has one; a name without any address is an error for a probe even
    /// where the code alone (NODATA) is only a warning, so that one becomes DNS.NO_ADDRESS.
    /// </summary>
    private static string FailureCode(AddressResolution resolution) => resolution.ErrorCode switch
    {
        null => FindingCodes.DnsLookupFailed,
        FindingCodes.DnsNoData => FindingCodes.DnsNoAddress,
        { } code when FindingCatalog.Contains(code) && FindingCatalog.Get(code).Severity == Severity.Error => code,
        _ => FindingCodes.DnsLookupFailed,
    };

    private static TcpPortResult Unresolved(Target target, AddressResolution resolution, Finding finding) =>
        new(target.Host, target.Port, TcpTargetStatus.Unresolved, resolution.DurationMs, [], [finding]);
}
