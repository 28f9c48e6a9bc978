using System.Globalization;
using System.Net;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Diagnosis;

/// <summary>
/// The <c>tcp</c> stage: <see cref="TcpProbe"/> to every address the DNS stage found (not a fresh lookup), with
/// LOCAL findings from the listener table when the target is this machine. Fails when no address accepts.
/// </summary>
public sealed class TcpDiagnosticStage : IDiagnosticStage
{
    /// <summary>The stage name in reports.</summary>
    public const string StageName = "tcp";

    /// <inheritdoc/>
    public string Name => StageName;

    /// <inheritdoc/>
    public Layer Layer => Layer.Tcp;

    /// <inheritdoc/>
    public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ViaProxy && !context.Options.CompareDirect)
        {
            return StageResult.Skipped(Name, Layer,
                $"requests go through {context.PlannedRoute!.Proxy?.Url}: the proxy stage connects to it, and the proxy to {context.Target} (-CompareDirect tries the direct path too)");
        }
        var options = context.Options;
        var resolver = new PinnedResolver(context.ResolvedAddresses ?? [], "DNS stage");
        var probe = options.CheckLocalOwners ? TcpProbe.CreateDefault(resolver) : new TcpProbe(resolver);
        var target = new Model.Target(context.Target.Host, context.ConnectPort);
        var result = await probe.ProbeAsync(target, new TcpProbeOptions(options.Timeout, options.Family, options.CheckLocalOwners), cancellationToken)
            .ConfigureAwait(false);

        context.ProvenEndPoints = result.Attempts
            .Where(a => a.State == TcpPortState.Open)
            .Select(a => new IPEndPoint(a.RemoteAddress, context.ConnectPort))
            .ToList();
        // A target no address accepted is a failure even if the probe found nothing more specific to say.
        var outcome = result.Succeeded ? OutcomeRules.FromFindings(result.Findings) : Outcome.Fail;
        var stage = new StageResult(Name, Layer, outcome, 0, Summarize(context, result), result.Findings, result);
        return context.ViaProxy ? ProxyRouteDowngrade.Apply(stage, context, "the proxy connects to the target") : stage;
    }

    private static string Summarize(DiagnosticContext context, TcpPortResult r)
    {
        var open = context.ProvenEndPoints.Count;
        var total = r.Attempts.Count;
        if (open > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{open} of {total} address(es) accepted on port {r.Port}; later stages use {context.ProvenEndPoint}");
        }
        return r.Findings.FirstOrDefault()?.Summary ?? $"no address of {context.Target} accepted a connection";
    }
}
