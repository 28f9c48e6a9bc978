using System.Globalization;
using ConnDiag.Tls;

namespace ConnDiag.Cli.Output;

/// <summary>
/// `conndiag tls` as a table: one row per target (or chain file) as reports complete, the chain on the line
/// under it (leaf ← issuer ← root), then the findings with their remedies.
/// </summary>
internal sealed class TlsReportTable : IResultWriter<TlsChainReport>
{
    private readonly TextWriter _out;
    private readonly TableWriter _table;
    private readonly bool _offline;

    public TlsReportTable(TextWriter output, IReadOnlyList<string> targets, bool offline)
    {
        _out = output;
        _offline = offline;
        var first = new Column(offline ? "FILE" : "TARGET", Math.Max(offline ? 4 : 6, targets.Count == 0 ? 0 : targets.Max(t => t.Length)));
        _table = new TableWriter(output, offline
            ?
            [
                first,
                new Column("CHAIN", "untrusted".Length),
                new Column("NAME", "mismatch".Length),
                new Column("EXPIRES", "-9999 d".Length, AlignRight: true),
            ]
            :
            [
                first,
                new Column("ADDRESS", 15),
                new Column("TLS", "TLS 1.3".Length),
                new Column("CHAIN", "untrusted".Length),
                new Column("NAME", "mismatch".Length),
                new Column("EXPIRES", "-9999 d".Length, AlignRight: true),
                new Column("HANDSHAKE", "5000.0 ms".Length, AlignRight: true),
            ]);
    }

    public void Begin()
    {
        _table.WriteHeader();
        _out.Flush();
    }

    public void Write(TlsChainReport r)
    {
        var chain = r.SentChain.Count == 0 ? "-" : r.IsTrusted ? "trusted" : "untrusted";
        var name = r.HostnameMatches switch { true => "ok", false => "mismatch", null => "-" };
        var expires = r.DaysUntilExpiry is { } d ? d.ToString(CultureInfo.InvariantCulture) + " d" : "-";
        if (_offline)
        {
            _table.WriteRow([FindingText.OneLine(r.TargetName), chain, name, expires]);
        }
        else
        {
            _table.WriteRow(
            [
                Model.Target.Format(r.TargetName, r.Port),
                r.Address?.ToString() ?? "-",
                r.Protocol is { } p ? Protocol(p) : "-",
                chain,
                name,
                expires,
                r.HandshakeMs is { } ms && r.Error is null ? ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-",
            ]);
        }
        if (r.Certificates.Count > 0)
        {
            var links = string.Join(" ← ", r.Certificates.Select(c => FindingText.OneLine(ShortName(c.Subject))));
            _out.WriteLine($"  chain: {links} (sent {r.SentChain.Count.ToString(CultureInfo.InvariantCulture)})");
        }
        FindingText.Write(_out, r.Findings);
        _out.Flush();
    }

    public void End() => _out.Flush();

    private static string Protocol(TlsVersion v) => v switch
    {
        TlsVersion.Tls10 => "TLS 1.0",
        TlsVersion.Tls11 => "TLS 1.1",
        TlsVersion.Tls12 => "TLS 1.2",
        _ => "TLS 1.3",
    };

    /// <summary>The CN of a distinguished name ("CN=R3, O=Let's Encrypt" → "R3"), else the whole name.</summary>
    internal static string ShortName(string subject)
    {
        foreach (var part in subject.Split(", "))
        {
            if (part.StartsWith("CN=", StringComparison.Ordinal)) return part[3..].Trim('"');
        }
        return subject;
    }
}
