using System.Net;
using ConnDiag.Dns.Stage;
using ConnDiag.Model;

namespace ConnDiag.Diagnosis;

/// <summary>
/// The <c>dns</c> stage: <see cref="DnsStage"/> over the system resolver configuration (or the one in the options).
/// Skipped for IP literals, whose address is the answer. Records the addresses the way the C library would use them:
/// the hosts file's when it answers the name, else the system servers'.
/// </summary>
public sealed class DnsDiagnosticStage : IDiagnosticStage
{
    /// <inheritdoc/>
    public string Name => DnsStage.StageName;

    /// <inheritdoc/>
    public Layer Layer => Layer.Dns;

    /// <inheritdoc/>
    public async Task<StageResult> RunAsync(DiagnosticContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Options.ConnectTo is { } pin)
        {
            context.ResolvedAddresses = [pin.Address];
            return StageResult.Skipped(Name, Layer, $"connections are pinned to {pin.Address} (ConnectTo): {context.Target.Host} is not resolved");
        }
        if (context.Target.Address is { } literal)
        {
            context.ResolvedAddresses = [literal];
            return StageResult.Skipped(Name, Layer, $"{context.Target.Host} is an IP address: nothing to resolve");
        }

        var options = context.Options;
        var stage = options.ResolverConfiguration is { } config
            ? new DnsStage(config, options.Dns)
            : await DnsStage.ForCurrentSystemAsync(options.Dns, cancellationToken).ConfigureAwait(false);
        var result = await stage.RunAsync(context.Target.Host, cancellationToken).ConfigureAwait(false);
        context.ResolvedAddresses = AddressesOf(result.Evidence as DnsStageEvidence);
        if (context.ViaProxy)
        {
            // Through a proxy the client never resolves the target (the proxy does): a local failure is worth knowing
            // (direct clients and NO_PROXY changes would hit it), not the reason this client cannot connect.
            return ProxyRouteDowngrade.Apply(result, context, "the proxy resolves the name");
        }
        // A name without addresses cannot be connected to, whatever the answers' severities: the run stops here.
        return context.ResolvedAddresses.Count == 0 && result.Outcome != Outcome.Fail ? result with { Outcome = Outcome.Fail } : result;
    }

    private static IReadOnlyList<IPAddress> AddressesOf(DnsStageEvidence? evidence)
    {
        if (evidence is null) return [];
        if (evidence.AddressSets.TryGetValue("hosts file", out var hosts) && hosts.Count > 0) return hosts;
        return evidence.AddressSets.TryGetValue("system", out var system) ? system : [];
    }
}
