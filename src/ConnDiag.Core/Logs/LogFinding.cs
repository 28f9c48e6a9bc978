using ConnDiag.Model;

namespace ConnDiag.Logs;

/// <summary>
/// One log line that matches a known failure message, classified into the finding catalogue.
/// </summary>
/// <param name="Source">The file path, or the name the caller gave the stream (<c>-</c> for stdin, <c>pipeline</c>).</param>
/// <param name="LineNumber">1-based line number within the source (for journald JSON, the JSON line).</param>
/// <param name="Timestamp">The time written on the line itself, when it has one in a known format.</param>
/// <param name="Layer">The code's layer.</param>
/// <param name="Severity">The code's severity.</param>
/// <param name="Code">Finding code from <see cref="Findings.FindingCatalog"/>.</param>
/// <param name="Text">The line (journald: <c>UNIT[PID]: MESSAGE</c>) with secrets masked and at most <see cref="LogScanOptions.MaxLineChars"/> characters.</param>
/// <param name="Remedy">The catalogue's remedy for the code.</param>
/// <param name="Rule">Name of the pattern-table row that matched (which tool's message it is).</param>
public sealed record LogFinding(
    string Source,
    long LineNumber,
    DateTimeOffset? Timestamp,
    string Code,
    Layer Layer,
    Severity Severity,
    string Text,
    string Remedy,
    string Rule);
