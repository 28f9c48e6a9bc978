namespace ConnDiag.Monitoring;

/// <summary>The rolling statistics over the last probes of a watch.</summary>
/// <param name="Count">Probes in the window.</param>
/// <param name="Failed">Failed probes in the window.</param>
/// <param name="P50Ms">Nearest-rank median latency of the successful probes in the window; 0 when none succeeded.</param>
/// <param name="P95Ms">Nearest-rank 95th percentile latency of the successful probes; 0 when none succeeded.</param>
public readonly record struct WindowStatistics(int Count, int Failed, double P50Ms, double P95Ms)
{
    /// <summary>Failed probes as a percentage of the window (0 for an empty window).</summary>
    public double ErrorRatePercent => Count == 0 ? 0 : 100.0 * Failed / Count;
}

/// <summary>
/// The last <see cref="Capacity"/> probes in a fixed ring buffer: memory is the capacity, however long the watch
/// runs. Percentiles are nearest-rank (the value at rank ⌈p/100 × n⌉ of the n sorted successful latencies), so
/// they are always a latency that was observed; failed probes count toward the error rate only, because the time
/// a refused or timed-out probe took says nothing about how fast the endpoint answers.
/// </summary>
public sealed class LatencyWindow
{
    private readonly double[] _latencyMs;
    private readonly bool[] _success;
    private readonly double[] _sorted;
    private int _next;
    private int _count;
    private int _failed;

    /// <param name="capacity">Probes kept, 1 to <see cref="WatchOptions.MaxWindowSize"/>.</param>
    public LatencyWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, WatchOptions.MaxWindowSize);
        _latencyMs = new double[capacity];
        _success = new bool[capacity];
        _sorted = new double[capacity];
    }

    /// <summary>Most probes the window holds.</summary>
    public int Capacity => _latencyMs.Length;

    /// <summary>Adds a probe, dropping the oldest when the window is full, and returns the statistics after it.</summary>
    public WindowStatistics Add(double latencyMs, bool success)
    {
        if (_count == Capacity)
        {
            if (!_success[_next]) _failed--;
        }
        else
        {
            _count++;
        }
        _latencyMs[_next] = latencyMs;
        _success[_next] = success;
        if (!success) _failed++;
        _next = (_next + 1) % Capacity;
        return Statistics();
    }

    /// <summary>The statistics over the probes in the window now.</summary>
    public WindowStatistics Statistics()
    {
        // Sorting a copy of at most Capacity values per probe: cheap next to a network probe, and no allocation.
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_success[i]) _sorted[n++] = _latencyMs[i];
        }
        if (n == 0) return new WindowStatistics(_count, _failed, 0, 0);
        var span = _sorted.AsSpan(0, n);
        span.Sort();
        return new WindowStatistics(_count, _failed, NearestRank(span, 50), NearestRank(span, 95));
    }

    /// <summary>The value at rank ⌈p/100 × n⌉ (1-based) of sorted values.</summary>
    public static double NearestRank(ReadOnlySpan<double> sorted, double percentile)
    {
        if (sorted.IsEmpty) throw new ArgumentException("No values.", nameof(sorted));
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
