namespace ConnDiag.Logs;

/// <summary>What part of the input to scan.</summary>
/// <param name="Since">Drop findings whose time is earlier. A line without a time of its own takes the time of the last
/// timed line before it (stack traces, continuation lines); lines before any timed line are kept, because dropping them
/// would hide errors in logs that carry no times at all.</param>
/// <param name="Tail">Only the last N lines of each source (like <c>tail -n</c>); memory holds at most the findings of N lines.</param>
/// <param name="MaxLineChars">Longer lines are cut to this length (the rest is skipped without being held in memory).</param>
public sealed record LogScanOptions(DateTimeOffset? Since = null, int? Tail = null, int MaxLineChars = LogScanOptions.DefaultMaxLineChars)
{
    /// <summary>64 KiB characters: longer than any real log line, small enough to bound memory per line.</summary>
    public const int DefaultMaxLineChars = 64 * 1024;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> with a clear message for impossible values.</summary>
    public void Validate()
    {
        if (Tail is < 0) throw new ArgumentOutOfRangeException(nameof(Tail), Tail, "Tail must be 0 or more lines.");
        if (MaxLineChars < 80) throw new ArgumentOutOfRangeException(nameof(MaxLineChars), MaxLineChars, "MaxLineChars must be at least 80.");
    }
}
