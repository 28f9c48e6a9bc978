using System.Globalization;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Findings;
using ConnDiag.Model;
using ConnDiag.Ports;

namespace ConnDiag.Cli.Commands;

/// <summary>`conndiag port-owner`: one socket-table lookup, rendered; a requested port without a socket fails the check.</summary>
internal static class PortOwnerCommand
{
    public const string Name = "port-owner";

    internal sealed record Arguments(IReadOnlyList<int> Ports, TransportProtocol? Protocol, PortStateFilter State, bool Json, bool Help);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var ports = new List<int>();
        bool tcp = false, udp = false, all = false, json = false, help = false;
        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                ports.AddRange(ValueParsers.PortList("port", arg.Text));
                continue;
            }
            switch (arg.Name)
            {
                case "--tcp":
                    ArgReader.NoValue(arg);
                    tcp = true;
                    break;
                case "--udp":
                    ArgReader.NoValue(arg);
                    udp = true;
                    break;
                case "--all":
                    ArgReader.NoValue(arg);
                    all = true;
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help)) throw reader.Unknown(arg);
                    break;
            }
        }
        if (tcp && udp) throw new UsageException("--tcp and --udp exclude each other: give one, or neither for both");
        TransportProtocol? protocol = tcp ? TransportProtocol.Tcp : udp ? TransportProtocol.Udp : null;
        return new Arguments(ports.Distinct().ToList(), protocol, all ? PortStateFilter.All : PortStateFilter.Listen, json, help);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.PortOwner);
            return ExitCodes.Ok;
        }

        var query = new PortOwnerQuery(a.Ports, a.Protocol, a.State);
        IReadOnlyList<PortOwner> owners;
        try
        {
            owners = await PortOwnerFinder.FindAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformNotSupportedException ex)
        {
            console.Error.WriteLine($"conndiag: port owners cannot be read on this system: {FindingText.OneLine(ex.Message)}");
            return ExitCodes.CheckFailed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"conndiag: cannot read the socket table: {FindingText.OneLine(ex.Message)}");
            return ExitCodes.CheckFailed;
        }

        var missing = PortOwnerFindings.MissingPorts(query, owners).Select(m => m.Finding).ToList();

        if (a.Json)
        {
            var writer = new JsonArrayWriter<PortOwner>(console.Out);
            writer.Begin();
            foreach (var o in owners) writer.Write(o);
            writer.End();
            // stdout holds only the owners array; the failed check goes where a script's log will catch it.
            foreach (var f in missing) console.Error.WriteLine($"conndiag: {f.Code} {FindingText.OneLine(f.Summary)}");
        }
        else
        {
            if (owners.Count > 0) PortOwnerTable.Write(console.Out, owners, console.Width);
            else if (a.Ports.Count == 0) console.Error.WriteLine($"conndiag: no {(a.State == PortStateFilter.Listen ? "listening " : "")}sockets found");
            if (missing.Count > 0)
            {
                if (owners.Count > 0) console.Out.WriteLine();
                FindingText.Write(console.Out, missing);
            }
            console.Out.Flush();
        }

        if (PortOwnerFindings.HiddenOwners(owners) is { } hidden)
        {
            console.Error.WriteLine($"conndiag: {hidden.Code} {FindingText.OneLine(hidden.Summary)} {hidden.Remedy}");
        }
        return missing.Count > 0 ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }
}
