namespace ConnDiag.Monitoring.Prometheus;

/// <summary>
/// The samples of every family, gathered from all inputs before anything is written, so each family is written
/// once with all its samples together. Only finite values are kept: a value the result does not have is left
/// out, never written as NaN. A series added twice keeps its first value (see <see cref="Add(MetricFamily, MetricLabels, double)"/>).
/// </summary>
public sealed class MetricSet
{
    private readonly Dictionary<MetricFamily, List<(MetricLabels Labels, double Value)>> _samples = [];
    private readonly HashSet<(string, string)> _seen = [];

    /// <summary>
    /// Adds one sample. Returns false, adding nothing, when the value is not finite or the family already has a
    /// series with the same labels: results are deduplicated before conversion (the last result per target
    /// wins), so a repeat can only come from within one result, such as an address listed twice by the resolver,
    /// where the first one (the one the probe used) is kept.
    /// </summary>
    public bool Add(MetricFamily family, MetricLabels labels, double value)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(labels);
        if (!double.IsFinite(value)) return false;
        if (!_seen.Add((family.Name, labels.Key))) return false;
        if (!_samples.TryGetValue(family, out var list)) _samples[family] = list = [];
        list.Add((labels, value));
        return true;
    }

    /// <summary>Adds the sample when <paramref name="value"/> has one.</summary>
    public bool Add(MetricFamily family, MetricLabels labels, double? value) => value is { } v && Add(family, labels, v);

    /// <summary>The families with samples, in <see cref="MetricFamilies.All"/> order (others after them), each with its samples in the order added.</summary>
    public IEnumerable<(MetricFamily Family, IReadOnlyList<(MetricLabels Labels, double Value)> Samples)> Families()
    {
        var known = MetricFamilies.All.Where(_samples.ContainsKey);
        var rest = _samples.Keys.Except(MetricFamilies.All);
        foreach (var f in known.Concat(rest)) yield return (f, _samples[f]);
    }

    /// <summary>Number of samples in all families.</summary>
    public int Count => _samples.Values.Sum(l => l.Count);
}
