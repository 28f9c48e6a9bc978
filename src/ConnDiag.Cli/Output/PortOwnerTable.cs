using System.Globalization;
using ConnDiag.Model;
using ConnDiag.Ports;

namespace ConnDiag.Cli.Output;

/// <summary>
/// `conndiag port-owner` as a table. All rows are known before printing, so the columns fit their content.
/// The command line is cut at the line width (terminal width, 80 when redirected): it is the last column
/// when that leaves it room to be useful, otherwise it goes on an indented line under its row, because
/// eight characters of "/usr/bin/..." identify nothing.
/// </summary>
internal static class PortOwnerTable
{
    private static readonly string[] Headers = ["PROTO", "LOCAL", "REMOTE", "STATE", "PID", "PROCESS", "USER", "SCOPE"];
    private const string CommandHeader = "COMMAND";
    private const int MinCommandColumn = 20;
    private const string CommandIndent = "    ";

    public static void Write(TextWriter output, IReadOnlyList<PortOwner> owners, int width)
    {
        var rows = owners.Select(Cells).ToList();
        var columns = TableWriter.Fit(Headers, rows, alignRight: new HashSet<int> { 4 }).ToList();
        var used = columns.Sum(c => c.Width) + TableWriter.Gap.Length * columns.Count;
        var commandWidth = width - used;
        var inColumn = commandWidth >= MinCommandColumn;
        if (inColumn) columns.Add(new Column(CommandHeader, commandWidth));

        var table = new TableWriter(output, columns);
        table.WriteHeader();
        for (var i = 0; i < rows.Count; i++)
        {
            var command = FindingText.OneLine(owners[i].CommandLine ?? "").Trim();
            if (inColumn)
            {
                table.WriteRow([.. rows[i], TableWriter.Truncate(command, commandWidth)]);
                continue;
            }
            table.WriteRow(rows[i]);
            if (command.Length > 0) output.WriteLine(CommandIndent + TableWriter.Truncate(command, width - CommandIndent.Length));
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
