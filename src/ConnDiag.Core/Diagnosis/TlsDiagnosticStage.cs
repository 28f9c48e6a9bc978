using System.Globalization;
using System.Net;
using ConnDiag.Findings;
using ConnDiag.Http.Proxy;
using ConnDiag.Model;
using ConnDiag.Tls;

namespace ConnDiag.Diagnosis;

/// <summary>
/// The <c>tls</c> stage: <see cref="TlsProbe"/> pinned to the endpoint the TCP stage proved, with the target's name
/// as SNI, or through a CONNECT tunnel when a proxy carries the requests. Skipped for plain http and bare targets without TLS.
/// </summary>
public sealed class TlsDiagnosticStage : IDiagnosticStage
{
    /// <summary>The stage name in reports.</summary>
    public const string StageName = "tls";

    /// <inheritdoc/>
    public string Name => StageName;

    /// <inheritdoc/>
    public Layer Layer => Layer.Tls;

    /// <inheritdoc/>
    public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.UsesTls)
        {
            return StageResult.Skipped(Name, Layer, context.Scheme is null ? $"{context.Target} is checked without TLS" : $"{context.Scheme} URL: no TLS");
        }
        if (context.ViaProxy)
        {
            return await ThroughProxyAsync(context, cancellationToken).ConfigureAwait(false);
        }
        if (context.ProvenEndPoint is not { } pinned)
        {
            return StageResult.Skipped(Name, Layer, "no endpoint was proven by the tcp stage");
        }

        var options = context.Options;
        var probe = new TlsProbe(new PinnedResolver([pinned.Address], "tcp stage"));
        var tlsOptions = new TlsProbeOptions(options.Timeout, options.TlsChain, Family: options.Family, CheckProtocolSupport: options.CheckTlsProtocolSupport);
        var report = await probe.ProbeAsync(new Target(context.Target.Host, pinned.Port), tlsOptions, cancellationToken).ConfigureAwait(false);
        var summary = report.Findings.FirstOrDefault()?.Summary
            ?? string.Create(CultureInfo.InvariantCulture, $"{report.Protocol} with {pinned} (SNI {report.ServerName}), chain trusted");
        return new StageResult(Name, Layer, report.Outcome, 0, summary, report.Findings, report);
    }

    /// <summary>
    /// The handshake a client behind the proxy makes: over a fresh CONNECT tunnel, so the chain judged is the one
    /// that client receives (an inspecting proxy's own chain included).
    /// </summary>
    private async Task<StageResult> ThroughProxyAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var request = new ProxyProbeRequest(context.Target, context.Scheme!, context.ProxySettings!, context.ResolvedAddresses);
        var proxyOptions = ProxyProbeOptions.Default with { Timeout = options.Timeout, Family = options.Family };
        await using var tunnel = await new ConnectTunnelProbe(context.AddressResolver).OpenAsync(request, proxyOptions, cancellationToken).ConfigureAwait(false);
        if (tunnel.Stream is null || tunnel.Result.ConnectedAttempt is not { } via)
        {
            // The proxy stage proved the tunnel a moment ago; a second CONNECT failing is itself the finding.
            var refused = tunnel.Result.Findings;
            return new StageResult(Name, Layer, Outcome.Fail, 0,
                refused.FirstOrDefault()?.Summary ?? $"a second tunnel through the proxy could not be opened ({tunnel.Result.TunnelStatus})", refused, tunnel.Result);
        }
        var tlsOptions = new TlsProbeOptions(options.Timeout, options.TlsChain, Family: options.Family);
        var report = await new TlsProbe(context.AddressResolver).ProbeThroughAsync(context.Target, tunnel.DetachStream(),
            new IPEndPoint(via.RemoteAddress, via.Port), via.ConnectMs, tlsOptions, cancellationToken).ConfigureAwait(false);
        // Through a proxy, an issuer this machine does not know is most often the proxy's own inspection CA: the
        // generic remedy (a server missing its intermediate) would send the reader to the wrong people.
        var findings = report.Findings.Select(f => f.Code is FindingCodes.TlsChainIncomplete or FindingCodes.TlsUntrustedRoot
            ? f with
            {
                Remedy = $"The chain was received through the proxy at {via.RemoteAddress}:{via.Port}. If the issuer named here is your organisation's "
                    + "TLS-inspecting proxy CA, the proxy re-signs traffic: trust its root (the CA bundle option; NODE_EXTRA_CA_CERTS for Claude Code, "
                    + "SSL_CERT_FILE or the system store for other clients) or ask for the host to be exempt from inspection. Otherwise: " + f.Remedy,
            }
            : f).ToList();
        report = report with { Findings = findings };
        var summary = findings.FirstOrDefault()?.Summary
            ?? string.Create(CultureInfo.InvariantCulture, $"{report.Protocol} with {context.Target} through the proxy at {via.RemoteAddress}:{via.Port} (SNI {report.ServerName}), chain trusted");
        return new StageResult(Name, Layer, report.Outcome, 0, summary, findings, report);
    }
}
