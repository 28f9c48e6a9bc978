namespace ConnDiag.Monitoring.Prometheus;

/// <summary>An ordered set of label names and values; names are checked against the Prometheus grammar.</summary>
public sealed class MetricLabels
{
    private readonly List<KeyValuePair<string, string>> _pairs;

    private MetricLabels(List<KeyValuePair<string, string>> pairs) => _pairs = pairs;

    /// <summary>No labels.</summary>
    public static MetricLabels Empty { get; } = new([]);

    /// <summary>The labels in the order they were added.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    /// <summary>These labels plus one more (a name already present is an error: a series cannot have it twice).</summary>
    public MetricLabels With(string name, string value)
    {
        if (!IsValidName(name)) throw new ArgumentException($"'{name}' is not a valid Prometheus label name", nameof(name));
        if (_pairs.Any(p => p.Key == name)) throw new ArgumentException($"label '{name}' is already set", nameof(name));
        return new MetricLabels([.. _pairs, new(name, value)]);
    }

    /// <summary>A key that is equal for equal label sets whatever their order.</summary>
    internal string Key => string.Join('\0', _pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "\u0001" + p.Value));

    /// <summary>[a-zA-Z_][a-zA-Z0-9_]*, not starting with the reserved "__".</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !name.StartsWith("__", StringComparison.Ordinal)
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
