using ConnDiag.Findings;
using ConnDiag.Secrets;

namespace ConnDiag.Logs;

/// <summary>
/// Classifies the lines of one source as they arrive (a file, stdin, or strings from a PowerShell pipeline), keeping
/// only the state a line needs: its number, the last time seen and, with Tail, the findings of the last N lines.
/// </summary>
public sealed class LogSourceScanner
{
    private readonly LogScanOptions _options;
    private readonly DateTimeOffset _now;
    private readonly Queue<LogFinding> _tail = new();
    private DateTimeOffset? _lastTime;
    private long _lineNumber;

    /// <param name="source">Name shown in each finding's Source.</param>
    /// <param name="options">Since/Tail/line cap; validated here.</param>
    /// <param name="now">Reference time for syslog times, which have no year (default: now).</param>
    public LogSourceScanner(string source, LogScanOptions? options = null, DateTimeOffset? now = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        _options = options ?? new LogScanOptions();
        _options.Validate();
        _now = now ?? DateTimeOffset.Now;
        Source = source;
    }

    /// <summary>The source name findings carry.</summary>
    public string Source { get; }

    /// <summary>Lines read so far.</summary>
    public long LinesRead => _lineNumber;

    /// <summary>
    /// Classifies one line (text holding several lines, e.g. from <c>Get-Content -Raw</c>, is split). Returns the findings
    /// to emit now; with Tail nothing is emitted until <see cref="Complete"/>, since only the end decides which lines are last.
    /// </summary>
    public IReadOnlyList<LogFinding> Add(string? text)
    {
        if (text is null) return [];
        List<LogFinding>? emitted = null;
        var start = 0;
        while (true)
        {
            var nl = text.IndexOf('\n', start);
            var line = nl < 0 ? text[start..] : text[start..nl];
            if (line.EndsWith('\r')) line = line[..^1];
            var finding = Classify(line);
            if (finding is not null)
            {
                if (_options.Tail is { } tail)
                {
                    if (tail > 0) _tail.Enqueue(finding);
                }
                else
                {
                    (emitted ??= []).Add(finding);
                }
            }
            TrimTail();
            if (nl < 0 || nl == text.Length - 1) break;
            start = nl + 1;
        }
        return emitted ?? (IReadOnlyList<LogFinding>)[];
    }

    /// <summary>Call once at the end of the source: returns the findings held back for Tail.</summary>
    public IReadOnlyList<LogFinding> Complete()
    {
        TrimTail();
        var rest = _tail.ToList();
        _tail.Clear();
        return rest;
    }

    private void TrimTail()
    {
        if (_options.Tail is not { } tail) return;
        while (_tail.Count > 0 && _tail.Peek().LineNumber <= _lineNumber - tail) _tail.Dequeue();
    }

    private LogFinding? Classify(string raw)
    {
        _lineNumber++;
        var line = raw.Length > _options.MaxLineChars ? raw[.._options.MaxLineChars] : raw;
        DateTimeOffset? stamp;
        if (!JournalLine.TryParse(line, out var text, out stamp)) stamp = LogTimestamp.Parse(line, _now);
        if (stamp is not null) _lastTime = stamp;
        var effective = stamp ?? _lastTime;
        if (_options.Since is { } since && effective is { } when && when < since) return null;

        var pattern = LogPatterns.Match(text);
        if (pattern is null) return null;
        var d = FindingCatalog.Get(pattern.Code);
        var shown = LogRedaction.Mask(text);
        if (shown.Length > _options.MaxLineChars) shown = shown[.._options.MaxLineChars];
        return new LogFinding(Source, _lineNumber, stamp, d.Code, d.Layer, d.Severity, shown, d.Remedy, pattern.Rule);
    }
}
