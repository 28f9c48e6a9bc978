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
                case "--json":
                    ArgReader.NoValue(arg);
                    json = true;
                    break;
                case "-h" or "--help":
                    help = true;
                    break;
                default:
                    throw reader.Unknown(arg);
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

        IReadOnlyList<PortOwner> owners;
        try
        {
            owners = await PortOwnerFinder.FindAsync(new PortOwnerQuery(a.Ports, a.Protocol, a.State), cancellationToken).ConfigureAwait(false);
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

        var missing = a.Ports.Where(p => !owners.Any(o => o.LocalPort == p || o.RemotePort == p)).Select(p => NotListening(p, a)).ToList();

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

        var hidden = owners.Count(o => !o.OwnerVisible);
        if (hidden > 0)
        {
            var hint = FindingCatalog.Get(FindingCodes.LocalOwnerHidden);
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"conndiag: {FindingCodes.LocalOwnerHidden} the owning process of {hidden} socket(s) is not visible to this user: {hint.Remedy}"));
        }
        return missing.Count > 0 ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    private static Finding NotListening(int port, Arguments a)
    {
        var what = a.State == PortStateFilter.Listen ? "listens on" : "uses";
        var proto = a.Protocol?.ToString().ToUpperInvariant() ?? "TCP or UDP";
        var p = port.ToString(CultureInfo.InvariantCulture);
        return FindingCatalog.Create(FindingCodes.LocalNotListening,
            $"Nothing on this machine {what} {proto} port {p}.",
            $"The socket table has no matching socket for port {p}.");
    }
}
