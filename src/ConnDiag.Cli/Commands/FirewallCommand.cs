using System.Globalization;
using System.Text.Json;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Firewall;
using ConnDiag.Ports;

namespace ConnDiag.Cli.Commands;

/// <summary>
/// `conndiag firewall`: the nftables and iptables rules that can affect a port. It lists; it never changes a rule.
/// Exit 1 only when no backend could be read (missing tool, no privilege), so a script cannot take "no rules" for "allowed".
/// </summary>
internal static class FirewallCommand
{
    public const string Name = "firewall";

    internal sealed record Arguments(FirewallQuery Query, bool Json, bool Help);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        int? port = null;
        TransportProtocol? protocol = null;
        FirewallDirection? direction = null;
        string? netns = null;
        var backends = new List<FirewallBackend>();
        bool json = false, help = false;
        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption) throw new UsageException($"unexpected argument '{arg.Text}' for 'conndiag {Name}' (the port goes after --port)");
            switch (arg.Name)
            {
                case "-p" or "--port":
                    var text = reader.ValueOf(arg);
                    port = ValueParsers.Port(arg.Name, text, text);
                    break;
                case "--protocol":
                    protocol = reader.ValueOf(arg).ToLowerInvariant() switch
                    {
                        "tcp" => TransportProtocol.Tcp,
                        "udp" => TransportProtocol.Udp,
                        var other => throw UsageException.Invalid(arg.Name, other, "expected tcp or udp"),
                    };
                    break;
                case "--direction":
                    direction = reader.ValueOf(arg).ToLowerInvariant() switch
                    {
                        "in" or "inbound" => FirewallDirection.Inbound,
                        "out" or "outbound" => FirewallDirection.Outbound,
                        "forward" => FirewallDirection.Forward,
                        var other => throw UsageException.Invalid(arg.Name, other, "expected in, out or forward"),
                    };
                    break;
                case "--netns":
                    netns = reader.ValueOf(arg);
                    try
                    {
                        FirewallRuleFinder.ValidateNamespace(netns);
                    }
                    catch (ArgumentException ex)
                    {
                        throw UsageException.FromArgument(ex, "--netns: ");
                    }
                    break;
                case "--backend":
                    backends.Add(reader.ValueOf(arg).ToLowerInvariant() switch
                    {
                        "nft" or "nftables" => FirewallBackend.Nftables,
                        "iptables" => FirewallBackend.Iptables,
                        var other => throw UsageException.Invalid(arg.Name, other, "expected nftables or iptables"),
                    });
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help)) throw reader.Unknown(arg);
                    break;
            }
        }
        return new Arguments(new FirewallQuery(port, protocol, direction, netns, backends.Count == 0 ? null : backends.Distinct().ToList()), json, help);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Firewall);
            return ExitCodes.Ok;
        }
        FirewallReadResult result;
        try
        {
            result = await new FirewallRuleFinder().FindAsync(a.Query, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformNotSupportedException ex)
        {
            console.Error.WriteLine($"conndiag: {FindingText.OneLine(ex.Message)}");
            return ExitCodes.CheckFailed;
        }

        if (a.Json)
        {
            console.Out.Write(JsonSerializer.Serialize(result, JsonOutput.Options));
            console.Out.Write('\n');
        }
        else if (result.Rules.Count > 0)
        {
            FirewallRuleTable.Write(console.Out, result.Rules, console.Width);
        }
        else if (!result.NothingRead)
        {
            console.Out.WriteLine($"No firewall rule {Describe(a.Query)}found ({string.Join(" and ", result.ReadBackends.Select(b => b == FirewallBackend.Nftables ? "nftables" : "iptables"))} read).");
        }
        console.Out.Flush();
        foreach (var note in result.Notes) console.Error.WriteLine($"conndiag: note: {FindingText.OneLine(note)}");
        foreach (var p in result.Problems) console.Error.WriteLine($"conndiag: {FindingText.OneLine(p.Message)}");
        return result.NothingRead ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    private static string Describe(FirewallQuery q)
    {
        var parts = new List<string>();
        if (q.Direction is { } d) parts.Add(d.ToString().ToLowerInvariant());
        if (q.Protocol is { } p) parts.Add(p.ToString().ToUpperInvariant());
        if (q.Port is { } port) parts.Add("port " + port.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : $"for {string.Join(" ", parts)} ";
    }
}
