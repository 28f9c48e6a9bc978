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

    public static void Write(TextWriter output, IReadOnlyList<PortOwner> owners, int width) =>
        TableWriter.WriteWithTail(output, Headers, owners.Select(Cells).ToList(),
            owners.Select(o => FindingText.OneLine(o.CommandLine ?? "").Trim()).ToList(), CommandHeader, width, MinCommandColumn,
            alignRight: new HashSet<int> { 4 });

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
