using ConnDiag.Model;

namespace ConnDiag.Logs;

/// <summary>How often one finding code occurred, and when first and last.</summary>
/// <param name="Code">Finding code.</param>
/// <param name="Layer">The code's layer.</param>
/// <param name="Severity">The code's severity.</param>
/// <param name="Count">Lines classified with this code.</param>
/// <param name="FirstSeen">Earliest line time among its lines (null when none had a time).</param>
/// <param name="LastSeen">Latest line time among its lines.</param>
/// <param name="FirstSource">Source and line of the first occurrence read, to jump to it.</param>
/// <param name="FirstLineNumber">Line number of that first occurrence.</param>
/// <param name="Remedy">The catalogue's remedy.</param>
public sealed record LogCodeSummary(
    string Code, Layer Layer, Severity Severity, long Count,
    DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen,
    string FirstSource, long FirstLineNumber, string Remedy);

/// <summary>Counts per code over a scan, most severe and most frequent first.</summary>
public sealed record LogSummary(IReadOnlyList<LogCodeSummary> Codes, long FindingCount)
{
    /// <summary>Summarises findings as they stream past (holds one entry per code, not the findings).</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, LogCodeSummary> _byCode = new(StringComparer.Ordinal);
        private long _count;

        public void Add(LogFinding f)
        {
            ArgumentNullException.ThrowIfNull(f);
            _count++;
            if (!_byCode.TryGetValue(f.Code, out var s))
            {
                _byCode[f.Code] = new LogCodeSummary(f.Code, f.Layer, f.Severity, 1, f.Timestamp, f.Timestamp, f.Source, f.LineNumber, f.Remedy);
                return;
            }
            _byCode[f.Code] = s with
            {
                Count = s.Count + 1,
                FirstSeen = Min(s.FirstSeen, f.Timestamp),
                LastSeen = Max(s.LastSeen, f.Timestamp),
            };
        }

        public LogSummary Build() => new(
            _byCode.Values.OrderByDescending(s => s.Severity).ThenByDescending(s => s.Count).ThenBy(s => s.Code, StringComparer.Ordinal).ToList(),
            _count);

        private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
        private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
    }
}
