using System.Globalization;
using ConnDiag.Clock;

namespace ConnDiag.Cli.Output;

/// <summary>
/// `conndiag clock` as a table: one row per source as its result arrives, the findings under it. The
/// sources are known up front, so the widths are too.
/// </summary>
internal sealed class ClockResultTable : IResultWriter<ClockSkewResult>
{
    private const int MaxSourceWidth = 60;
    private readonly TextWriter _out;
    private readonly TableWriter _table;

    public ClockResultTable(TextWriter output, IReadOnlyCollection<ClockSource> sources)
    {
        _out = output;
        var sourceWidth = Math.Clamp(sources.Count == 0 ? 0 : sources.Max(s => s.ToString().Length), "SOURCE".Length, MaxSourceWidth);
        _table = new TableWriter(output,
        [
            new Column("SOURCE", sourceWidth),
            new Column("METHOD", "HttpDate".Length),
            new Column("OFFSET", "+86400.000 s".Length, AlignRight: true),
            new Column("±", "1000.0 ms".Length, AlignRight: true),
            new Column("ROUND TRIP", "ROUND TRIP".Length, AlignRight: true),
            new Column("STRATUM", "STRATUM".Length, AlignRight: true),
        ]);
    }

    public void Begin()
    {
        _table.WriteHeader();
        _out.Flush();
    }

    public void Write(ClockSkewResult r)
    {
        _table.WriteRow(
        [
            FindingText.OneLine(r.Source),
            r.Method.ToString(),
            r.OffsetMs is { } offset ? Offset(offset) : "-",
            r.UncertaintyMs is { } u ? Ms(u) : "-",
            r.RoundTripMs is { } rtt ? Ms(rtt) : "-",
            r.Stratum?.ToString(CultureInfo.InvariantCulture) ?? "-",
        ]);
        FindingText.Write(_out, r.Findings);
        _out.Flush();
    }

    public void End() => _out.Flush();

    /// <summary>Source − local with its sign: milliseconds below a second, seconds above.</summary>
    public static string Offset(double ms) => Math.Abs(ms) < 1000
        ? ms.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " ms"
        : (ms / 1000).ToString("+0.000;-0.000", CultureInfo.InvariantCulture) + " s";

    private static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
