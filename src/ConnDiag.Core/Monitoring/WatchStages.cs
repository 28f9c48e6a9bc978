using ConnDiag.Diagnosis;

namespace ConnDiag.Monitoring;

/// <summary>
/// Which stages of the diagnosis a watch runs. A stage that reads what an earlier one proved brings it along:
/// <c>tcp</c> connects to the addresses <c>dns</c> found, and <c>tls</c> handshakes with the endpoint <c>tcp</c>
/// proved. <c>http</c> alone sends the request as a client would (its own lookup, connect and handshake).
/// </summary>
public static class WatchStages
{
    private static readonly Dictionary<string, string[]> Needs = new(StringComparer.Ordinal)
    {
        [TcpDiagnosticStage.StageName] = [Dns.Stage.DnsStage.StageName],
        [TlsDiagnosticStage.StageName] = [Dns.Stage.DnsStage.StageName, TcpDiagnosticStage.StageName],
    };

    /// <summary>The stage names a watch accepts, in diagnosis order.</summary>
    public static IReadOnlyList<string> Names => EndpointDiagnoser.DefaultPlan.Names;

    /// <summary>
    /// The plan for these stage names (case-insensitive, in any order, an element may be a comma-separated list
    /// such as <c>dns,tcp</c>; the plan keeps diagnosis order and adds what
    /// the chosen stages need). An empty list is the whole diagnosis.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a stage; the message lists the valid ones.</exception>
    public static StagePlan Plan(IReadOnlyList<string> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var all = EndpointDiagnoser.DefaultPlan;
        if (stages.Count == 0) return all;
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var given in stages.SelectMany(s => (s ?? "").Split(',')))
        {
            var name = given.Trim().ToLowerInvariant();
            if (!all.Contains(name))
            {
                throw new ArgumentException($"Unknown stage '{given}': expected one or more of {string.Join(", ", all.Names)} (e.g. dns,tcp,tls,http).");
            }
            chosen.Add(name);
            if (Needs.TryGetValue(name, out var needed)) chosen.UnionWith(needed);
        }
        return StagePlan.Of(all.Where(s => chosen.Contains(s.Name)).ToArray());
    }
}
