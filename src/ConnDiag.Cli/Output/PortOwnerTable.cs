using System.Globalization;
using ConnDiag.Model;
using ConnDiag.Ports;

namespace ConnDiag.Cli.Output;

/// <summary>
/// `conndiag port-owner` as a table. All rows are known before printing, so the columns fit their content;
/// the command line takes what is left of the line and is cut there (terminal width, 80 when redirected).
/// </summary>
internal static class PortOwnerTable
{
    private static readonly string[] Headers = ["PROTO", "LOCAL", "REMOTE", "STATE", "PID", "PROCESS", "USER", "SCOPE"];
    private const string CommandHeader = "COMMAND";

    public static void Write(TextWriter output, IReadOnlyList<PortOwner> owners, int width)
    {
        var rows = owners.Select(Cells).ToList();
        var columns = TableWriter.Fit(Headers, rows, alignRight: new HashSet<int> { 4 }).ToList();
        var used = columns.Sum(c => c.Width) + TableWriter.Gap.Length * columns.Count;
        var commandWidth = width - used;
        var withCommand = commandWidth >= CommandHeader.Length;
        if (withCommand) columns.Add(new Column(CommandHeader, commandWidth));

        var table = new TableWriter(output, columns);
        table.WriteHeader();
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].ToList();
            if (withCommand) cells.Add(TableWriter.Truncate(FindingText.OneLine(owners[i].CommandLine ?? ""), commandWidth));
            table.WriteRow(cells);
        }
        output.Flush();
    }

    private static IReadOnlyList<string> Cells(PortOwner o) =>
    [
        o.Protocol.ToString().ToUpperInvariant(),
        Target.Format(o.LocalAddress.ToString(), o.LocalPort),
        o.RemotePort == 0 ? "*" : Target.Format(o.RemoteAddress.ToString(), o.RemotePort),
        o.State.ToString(),
        o.Id?.ToString(CultureInfo.InvariantCulture) ?? "-",
        o.OwnerVisible ? FindingText.OneLine(o.ProcessName ?? "-") : "(hidden)",
        FindingText.OneLine(o.User ?? "-"),
        o.BindScope.ToString(),
    ];
}
