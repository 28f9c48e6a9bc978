using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using ConnDiag.Dns;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Ports;
using ConnDiag.Tcp;

namespace ConnDiag.Tls;

/// <summary>
/// Resolves a target, handshakes with every address it has (SNI, ALPN h2 and http/1.1), and reports the
/// chain the server sent even when validation fails, the negotiated protocol, cipher and ALPN, which of
/// TLS 1.2 and 1.3 the server accepts, and the findings. The report describes the first address whose
/// handshake got furthest; other addresses that fail add their own findings.
/// </summary>
public sealed class TlsProbe
{
    private readonly IAddressResolver _resolver;
    private readonly TimeProvider _time;
    private readonly LocalListenerCheck? _local;

    /// <param name="resolver">Name lookup (system resolver by default).</param>
    /// <param name="time">The clock certificates are validated against (the system clock by default).</param>
    /// <param name="owners">Listener table used to explain refusals on this machine; null turns that off.</param>
    public TlsProbe(IAddressResolver? resolver = null, TimeProvider? time = null, IPortOwnerSource? owners = null)
    {
        _resolver = resolver ?? SystemAddressResolver.Instance;
        _time = time ?? TimeProvider.System;
        _local = owners is null ? null : new LocalListenerCheck(owners);
    }

    /// <summary>A probe with the system resolver, the system clock and this platform's port-owner source.</summary>
    public static TlsProbe CreateDefault()
    {
        IPortOwnerSource? owners;
        try
        {
            owners = PortOwnerFinder.ForCurrentPlatform();
        }
        catch (PlatformNotSupportedException)
        {
            owners = null;
        }
        return new TlsProbe(owners: owners);
    }

    /// <summary>
    /// Probes one target. With <see cref="TlsProbeOptions.ClockCheck"/> set and a certificate failing only on its
    /// dates, the clock is measured against that source (once per probe instance, so a sweep asks once) and the
    /// chain is checked again with the measured offset: the report then says whether the clock is the cause.
    /// </summary>
    public async Task<TlsChainReport> ProbeAsync(Target target, TlsProbeOptions options, CancellationToken cancellationToken = default)
    {
        var report = await ProbeOnceAsync(target, options, cancellationToken).ConfigureAwait(false);
        if (options.ClockCheck is not { } source || options.Chain.ClockOffset is not null
            || !report.Findings.Any(f => f.Code is FindingCodes.TlsCertExpired or FindingCodes.TlsCertNotYetValid))
        {
            return report;
        }
        var skew = await MeasureClockAsync(source, options.Timeout, cancellationToken).ConfigureAwait(false);
        if (skew.Offset is not { } offset || !skew.IsSkewed) return report;
        var rechecked = await ProbeOnceAsync(target, options with { Chain = options.Chain with { ClockOffset = offset } }, cancellationToken).ConfigureAwait(false);
        return rechecked with { Findings = [.. rechecked.Findings, .. skew.Findings] };
    }

    /// <summary>
    /// Probes <paramref name="target"/> over a connection already open to it through a proxy tunnel (which this call
    /// owns and closes): the chain is the one a client behind that proxy sees (a TLS-inspecting proxy's own
    /// certificate shows as TLS.INTERCEPTED). The report's address is <paramref name="via"/>, the proxy's. No
    /// protocol-support handshakes (each would need its own tunnel) and no clock re-check.
    /// </summary>
    public async Task<TlsChainReport> ProbeThroughAsync(Target target, Stream tunnel, IPEndPoint via, double connectMs, TlsProbeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(tunnel);
        ArgumentNullException.ThrowIfNull(via);
        ArgumentNullException.ThrowIfNull(options);
        var serverName = options.ServerName ?? target.Host;
        var label = Target.Format(target.Host, target.Port) + " through the proxy at " + via
            + (string.Equals(serverName, target.Host, StringComparison.OrdinalIgnoreCase) ? "" : $" (SNI {serverName})");
        await PlatformWarmup.EnsureAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var handshake = await TlsHandshake.RunOverAsync(tunnel, via, connectMs, serverName, TlsVersions.ToSslProtocols(options.ClientVersions),
            ChainPolicies.Create(options.Chain, _time.GetUtcNow(), checkRevocation: false), options.Timeout, cancellationToken).ConfigureAwait(false);
        var checkCertificates = new List<X509Certificate2>();
        try
        {
            return await ReportAsync(target, serverName, label, options with { CheckProtocolSupport = false }, [handshake], checkCertificates, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            handshake.Dispose();
        }
    }

    private readonly object _clockGate = new();
    private (Clock.ClockSource Source, Task<Clock.ClockSkewResult> Result)? _clock;

    private Task<Clock.ClockSkewResult> MeasureClockAsync(Clock.ClockSource source, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_clockGate)
        {
            if (_clock is not { } c || c.Source != source || c.Result.IsFaulted || c.Result.IsCanceled)
            {
                _clock = (source, new Clock.ClockSkewProbe(_resolver, _time).MeasureAsync(source, new Clock.ClockSkewOptions(timeout), cancellationToken));
            }
            return _clock.Value.Result;
        }
    }

    private async Task<TlsChainReport> ProbeOnceAsync(Target target, TlsProbeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var serverName = options.ServerName ?? target.Host;
        var label = Target.Format(target.Host, target.Port)
            + (string.Equals(serverName, target.Host, StringComparison.OrdinalIgnoreCase) ? "" : $" (SNI {serverName})");

        // Overlaps the one-time platform start-up with the name lookup, and keeps it out of HandshakeMs.
        var warmup = PlatformWarmup.EnsureAsync();
        var resolution = await _resolver.ResolveAsync(target.Host, options.Timeout, cancellationToken).ConfigureAwait(false);
        if (!resolution.Succeeded)
        {
            return Empty(target, serverName, options, FindingCatalog.Create(FindingCodes.DnsLookupFailed,
                $"{target.Host} did not resolve: {resolution.Error}.",
                $"Lookup through the {resolution.Source} resolver failed after {resolution.DurationMs.ToString("0.#", CultureInfo.InvariantCulture)} ms: {resolution.Error}."));
        }
        var addresses = resolution.Addresses.Where(a => Wanted(a, options.Family)).ToList();
        if (addresses.Count == 0)
        {
            var got = resolution.Addresses.Count == 0 ? "no addresses" : string.Join(", ", resolution.Addresses);
            return Empty(target, serverName, options, FindingCatalog.Create(FindingCodes.DnsNoAddress,
                $"{target.Host} has no {(options.Family == AddressFamilyFilter.Any ? "" : options.Family + " ")}address.",
                $"It resolved to {got} ({resolution.Source} resolver)."));
        }

        await warmup.WaitAsync(cancellationToken).ConfigureAwait(false);
        var protocols = TlsVersions.ToSslProtocols(options.ClientVersions);
        var now = _time.GetUtcNow();
        var handshakes = await Task.WhenAll(addresses.Select(a =>
            TlsHandshake.RunAsync(new IPEndPoint(a, target.Port), serverName, protocols, ChainPolicies.Create(options.Chain, now, checkRevocation: false),
                options.Timeout, cancellationToken))).ConfigureAwait(false);
        var checkCertificates = new List<X509Certificate2>();
        try
        {
            return await ReportAsync(target, serverName, label, options, handshakes, checkCertificates, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var h in handshakes) h.Dispose();
            foreach (var c in checkCertificates) c.Dispose();
        }
    }

    private async Task<TlsChainReport> ReportAsync(
        Target target, string serverName, string label, TlsProbeOptions options, HandshakeResult[] handshakes,
        List<X509Certificate2> checkCertificates, CancellationToken cancellationToken)
    {
        var primary = handshakes.FirstOrDefault(h => h.Completed)
            ?? handshakes.FirstOrDefault(h => h.Certificates.Count > 0)
            ?? handshakes.FirstOrDefault(h => h.Connected)
            ?? handshakes[0];
        var attempts = handshakes.Select(TlsAttempt.From).ToList();
        var findings = new List<Finding>();

        var tcp = handshakes.Select(h => h.Tcp).ToList();
        if (tcp.Any(a => a.State != TcpPortState.Open))
        {
            findings.AddRange(TcpFindings.For(target.Host, target.Port, tcp));
            if (!primary.Connected && _local is not null)
            {
                findings.AddRange(await _local.ExplainAsync(target.Host, target.Port, tcp, cancellationToken).ConfigureAwait(false));
            }
        }
        if (!primary.Connected)
        {
            return Empty(target, serverName, options, [.. findings]) with { Address = primary.Endpoint.Address, Attempts = attempts };
        }

        var checks = options.CheckProtocolSupport
            ? await ProtocolChecksAsync(primary, serverName, options, checkCertificates, cancellationToken).ConfigureAwait(false)
            : [];
        if (primary.Failure is { } failure)
        {
            findings.Add(TlsHandshakeFindings.For(label, primary, failure, checks, options));
        }

        // A handshake that failed before the certificate (a version mismatch) may have a TLS 1.2 check that saw it.
        IReadOnlyList<X509Certificate2> certificates = primary.Certificates.Count > 0 ? primary.Certificates : checkCertificates;
        var analysis = ChainAnalyzer.Analyze(certificates, serverName, options.Chain, _time.GetUtcNow(), label);
        findings.AddRange(analysis.Findings);

        foreach (var other in handshakes.Where(h => !ReferenceEquals(h, primary) && h.Connected && h.Failure is not null))
        {
            var f = TlsHandshakeFindings.For(label, other, other.Failure!, [], options);
            findings.Add(primary.Completed
                ? f with { Severity = Severity.Warning, Summary = f.Summary + $" Another address ({primary.Endpoint}) completed the handshake, so only clients that pick this one fail." }
                : f);
        }

        return new TlsChainReport(
            target.Host, target.Port, primary.Endpoint.Address, serverName, null,
            analysis.SentChain, analysis.BuiltChain, analysis.ChainStatus, analysis.IsTrusted, analysis.HostnameMatches,
            primary.Protocol, primary.CipherSuite, primary.Alpn, primary.HandshakeMs, checks,
            primary.Failure?.Alert, primary.Failure?.Detail, options.Chain.SkipCertificateCheck, options.Chain.Trust.Description,
            options.Chain.ClockOffset?.TotalMilliseconds, analysis.ClockIsCause, attempts, findings);
    }

    /// <summary>
    /// Which of TLS 1.2 and 1.3 the server accepts: what the main handshake proved, plus a ClientHello offering
    /// only each version it did not prove. Nothing is tried against a peer that is not TLS or that stalls.
    /// </summary>
    private static async Task<IReadOnlyList<TlsProtocolCheck>> ProtocolChecksAsync(
        HandshakeResult primary, string serverName, TlsProbeOptions options, List<X509Certificate2> certificates, CancellationToken cancellationToken)
    {
        if (primary.Failure?.Code is FindingCodes.TlsNotTls or FindingCodes.TlsHandshakeTimeout) return [];
        var results = new List<TlsProtocolCheck>();
        var toTry = new List<TlsVersion> { TlsVersion.Tls12, TlsVersion.Tls13 };
        if (primary.Completed && primary.Protocol is { } negotiated && toTry.Remove(negotiated))
        {
            results.Add(new TlsProtocolCheck(negotiated, true, $"{primary.CipherSuite} (main handshake)"));
        }
        var runs = await Task.WhenAll(toTry.Select(v =>
            TlsVersionProbe.CheckAsync(primary.Endpoint, serverName, v, wantCertificates: primary.Certificates.Count == 0, options.Timeout, cancellationToken))).ConfigureAwait(false);
        foreach (var (check, certs) in runs)
        {
            results.Add(check);
            certificates.AddRange(certs);
        }
        return results.OrderBy(r => r.Version).ToList();
    }

    private static TlsChainReport Empty(Target target, string serverName, TlsProbeOptions options, params Finding[] findings) =>
        new(target.Host, target.Port, null, serverName, null, [], [], [], false, null, null, null, null, null, [], null, null,
            options.Chain.SkipCertificateCheck, options.Chain.Trust.Description, options.Chain.ClockOffset?.TotalMilliseconds, false, [], findings);

    private static bool Wanted(IPAddress a, AddressFamilyFilter family) => family switch
    {
        AddressFamilyFilter.IPv4 => a.AddressFamily == AddressFamily.InterNetwork,
        AddressFamilyFilter.IPv6 => a.AddressFamily == AddressFamily.InterNetworkV6,
        _ => true,
    };
}
