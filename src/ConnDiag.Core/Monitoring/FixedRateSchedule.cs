namespace ConnDiag.Monitoring;

/// <summary>
/// When the next probe of a watch starts: on a fixed grid (probe n at start + n × interval), so latency does not
/// stretch the interval. A probe that overruns makes the next one start at once, and the grid points it missed are
/// dropped, not caught up: never a burst of probes, never two at a time.
/// </summary>
public sealed class FixedRateSchedule
{
    private readonly TimeSpan _interval;
    private long _tick;

    /// <param name="interval">Time between probe starts.</param>
    public FixedRateSchedule(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _interval = interval;
    }

    /// <summary>
    /// Given the time since the watch started, now that a probe finished: how long to wait before the next one
    /// (zero when it is already due or overdue).
    /// </summary>
    public TimeSpan NextWait(TimeSpan elapsed)
    {
        _tick++;
        var due = _interval * _tick;
        if (elapsed < due) return due - elapsed;
        // Overran: the next probe starts now and takes the grid point at or before now; the one after it
        // waits for the following grid point.
        _tick = elapsed.Ticks / _interval.Ticks;
        return TimeSpan.Zero;
    }
}
