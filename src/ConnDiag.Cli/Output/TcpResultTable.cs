using System.Globalization;
using ConnDiag.Dns;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Cli.Output;

/// <summary>
/// `conndiag tcp` as a table: one row per target as its result arrives, the findings under it.
/// Rows stream, so the widths come from the targets (known up front), not from the results.
/// </summary>
internal sealed class TcpResultTable : IResultWriter<TcpPortResult>
{
    private const int MaxTargetWidth = 40;
    private readonly TextWriter _out;
    private readonly TableWriter _table;

    public TcpResultTable(TextWriter output, IReadOnlyCollection<Target> targets, AddressFamilyFilter family)
    {
        _out = output;
        var targetWidth = Math.Clamp(targets.Count == 0 ? 0 : targets.Max(t => t.ToString().Length), "TARGET".Length, MaxTargetWidth);
        _table = new TableWriter(output,
        [
            new Column("TARGET", targetWidth),
            new Column("STATUS", "Unresolved".Length),
            new Column("ADDRESS", AddressWidth(targets, family)),
            new Column("CONNECT", "2000.0 ms".Length, AlignRight: true),
        ]);
    }

    public void Begin()
    {
        _table.WriteHeader();
        _out.Flush();
    }

    public void Write(TcpPortResult r)
    {
        var more = r.Attempts.Count > 1 ? $" +{(r.Attempts.Count - 1).ToString(CultureInfo.InvariantCulture)}" : "";
        _table.WriteRow(
        [
            Target.Format(r.TargetName, r.Port),
            StatusText(r),
            (r.RemoteAddress?.ToString() ?? "-") + more,
            r.ConnectMs is { } ms ? ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-",
        ]);
        FindingText.Write(_out, r.Findings);
        _out.Flush();
    }

    public void End() => _out.Flush();

    /// <summary>A failed target shows what its first address did (Closed, Filtered, ...), which says more than "Failed".</summary>
    public static string StatusText(TcpPortResult r) =>
        r.Status == TcpTargetStatus.Failed && r.State is { } state ? state.ToString() : r.Status.ToString();

    private static int AddressWidth(IReadOnlyCollection<Target> targets, AddressFamilyFilter family)
    {
        const int v4 = 15; // 255.255.255.255
        if (targets.Count > 0 && targets.All(t => t.Address is not null))
        {
            return Math.Max("ADDRESS".Length, targets.Max(t => t.Address!.ToString().Length));
        }
        // Names may resolve to IPv6 unless restricted; room for a typical global address and a "+1".
        return family == AddressFamilyFilter.IPv4 ? v4 + 3 : 22;
    }
}
