using System.Globalization;
using ConnDiag.Model;
using ConnDiag.Tls;

namespace ConnDiag.Diagnosis;

/// <summary>
/// The <c>tls</c> stage: <see cref="TlsProbe"/> pinned to the endpoint the TCP stage proved, with the target's name
/// as SNI. Skipped for plain http and bare targets without TLS, and when a proxy carries the requests (the HTTP
/// stage then handshakes through the tunnel).
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
            return StageResult.Skipped(Name, Layer, "requests go through the proxy: the HTTP stage handshakes through the tunnel");
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
}
