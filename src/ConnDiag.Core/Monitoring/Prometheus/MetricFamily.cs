namespace ConnDiag.Monitoring.Prometheus;

/// <summary>The Prometheus metric types ConnDiag writes (all results are point-in-time measurements).</summary>
public enum MetricType
{
    /// <summary>A value that can go up and down.</summary>
    Gauge,
}

/// <summary>One metric family: its name (with the conndiag_ prefix, snake_case, base unit last), type and help text.</summary>
public sealed record MetricFamily(string Name, MetricType Type, string Help);
