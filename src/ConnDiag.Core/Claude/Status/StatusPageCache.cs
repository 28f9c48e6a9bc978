using System.Collections.Concurrent;

namespace ConnDiag.Claude.Status;

/// <summary>
/// Pages read in the last minute, so a runbook or watch loop that checks status again and again asks each page
/// at most once a minute (status pages update on that scale, and are a shared public service). Only pages that
/// were read are kept: a failure is asked again next time. Bounded: at most <see cref="MaxEntries"/> pages.
/// </summary>
public sealed class StatusPageCache
{
    /// <summary>How long a read page is reused.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromSeconds(60);

    /// <summary>More pages than anyone checks; past it the oldest entry goes.</summary>
    public const int MaxEntries = 64;

    private readonly ConcurrentDictionary<string, ProviderStatusReport> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <param name="timeToLive">How long a page is reused (60 s by default).</param>
    /// <param name="time">The clock (the system's by default; tests move their own).</param>
    public StatusPageCache(TimeSpan? timeToLive = null, TimeProvider? time = null)
    {
        TimeToLive = timeToLive ?? DefaultTimeToLive;
        if (TimeToLive <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeToLive), "The time to live must be positive.");
        _time = time ?? TimeProvider.System;
    }

    /// <summary>One cache for the whole process (the PowerShell session): what the cmdlets share.</summary>
    public static StatusPageCache Shared { get; } = new();

    /// <summary>How long a read page is reused.</summary>
    public TimeSpan TimeToLive { get; }

    /// <summary>The current time on this cache's clock.</summary>
    internal DateTimeOffset Now => _time.GetUtcNow();

    internal bool TryGet(string key, out ProviderStatusReport report)
    {
        if (_entries.TryGetValue(key, out var entry) && Now - entry.FetchedAt < TimeToLive)
        {
            report = entry;
            return true;
        }
        report = null!;
        return false;
    }

    internal void Add(string key, ProviderStatusReport report)
    {
        // An unread page is not an answer worth keeping: the next check should try again.
        if (report.Indicator == StatusIndicator.Unknown) return;
        _entries[key] = report;
        while (_entries.Count > MaxEntries)
        {
            var oldest = _entries.MinBy(e => e.Value.FetchedAt);
            _entries.TryRemove(oldest.Key, out _);
        }
    }
}
