using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Dns;
using ConnDiag.Dns.Client;
using ConnDiag.Dns.Configuration;
using ConnDiag.Dns.Transport;
using ConnDiag.Dns.Wire;
using ConnDiag.Model;

namespace ConnDiag.Cli.Commands;

/// <summary>`conndiag dns NAME [TYPE] [@SERVER...]`: one lookup per server with ConnDiag's own client, dig-like output.</summary>
internal static class DnsCommand
{
    public const string Name = "dns";

    internal sealed record Arguments(
        DnsName? QueryName,
        DnsRecordType Type,
        IReadOnlyList<DnsServer> Servers,
        bool Tcp,
        bool NoRecursion,
        bool Dnssec,
        TimeSpan Timeout,
        bool Json,
        bool Help,
        bool NoHostsFile = false,
        bool Diagnose = false);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        DnsName? name = null;
        DnsRecordType? type = null;
        var servers = new List<DnsServer>();
        var timeout = DnsQueryOptions.DefaultTimeout;
        bool tcp = false, noHostsFile = false, diagnose = false, noRecursion = false, dnssec = false, json = false, help = false;

        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                var text = arg.Text;
                if (text.StartsWith('@'))
                {
                    if (!DnsServer.TryParse(text[1..], out var server, out var error))
                    {
                        throw new UsageException($"invalid server {error}");
                    }
                    servers.Add(server!);
                }
                else if (name is null)
                {
                    if (!DnsName.TryParse(text, out name, out var error)) throw new UsageException($"invalid name: {error}");
                }
                else if (type is null)
                {
                    if (!DnsNames.TryParseType(text, out var t))
                    {
                        throw new UsageException($"unknown record type '{text}' (A, AAAA, CNAME, MX, NS, PTR, SOA, SRV, TXT, CAA, ... or TYPEnnn)");
                    }
                    type = t;
                }
                else
                {
                    throw new UsageException($"unexpected argument '{text}': give one NAME, an optional TYPE and @SERVER values (see 'conndiag help dns')");
                }
                continue;
            }
            switch (arg.Name)
            {
                case "--tcp":
                    ArgReader.NoValue(arg);
                    tcp = true;
                    break;
                case "--no-recursion" or "--norecurse":
                    ArgReader.NoValue(arg);
                    noRecursion = true;
                    break;
                case "--diagnose":
                    ArgReader.NoValue(arg);
                    diagnose = true;
                    break;
                case "--no-hosts-file":
                    ArgReader.NoValue(arg);
                    noHostsFile = true;
                    break;
                case "--dnssec":
                    ArgReader.NoValue(arg);
                    dnssec = true;
                    break;
                case "--timeout":
                    timeout = ValueParsers.Seconds(arg.Name, reader.ValueOf(arg));
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help)) throw reader.Unknown(arg);
                    break;
            }
        }
        if (diagnose && json) throw new UsageException("--diagnose prints the DNS stage as text; --json is not available with it yet");
        if (diagnose && (tcp || noRecursion || dnssec || type is not null))
        {
            throw new UsageException("--diagnose runs its own A/AAAA, UDP and TCP lookups: give only NAME, @SERVER values, --timeout and --no-hosts-file");
        }
        if (name is null && !help) throw new UsageException("dns: no name given: conndiag dns NAME [TYPE] [@SERVER...] (see 'conndiag help dns')");
        return new Arguments(name, type ?? DnsRecordType.A, servers, tcp, noRecursion, dnssec, timeout, json, help, noHostsFile, diagnose);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Dns);
            return ExitCodes.Ok;
        }

        if (a.Diagnose) return await DnsDiagnoseCommand.RunAsync(a, console, cancellationToken).ConfigureAwait(false);

        var servers = a.Servers.ToList();
        ResolverConfiguration? config = null;
        if (servers.Count == 0 || !a.NoHostsFile)
        {
            config = await ResolverConfigurationReader.ForCurrentSystem().ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        if (servers.Count == 0)
        {
            servers.AddRange(ConfiguredServers.From(config!));
            if (servers.Count == 0)
            {
                var finding = ConfiguredServers.NoServers(config!);
                if (a.Json)
                {
                    console.Out.WriteLine("[]");
                    console.Error.WriteLine($"conndiag: {finding.Code} {FindingText.OneLine(finding.Summary)}");
                }
                else
                {
                    FindingText.Write(console.Out, [finding]);
                }
                console.Out.Flush();
                return ExitCodes.CheckFailed;
            }
        }
        var hostsConfig = a.NoHostsFile ? null : config;

        var client = new DnsQueryClient(new DnsQueryOptions
        {
            Timeout = a.Timeout,
            UseTcpOnly = a.Tcp,
            Recursion = !a.NoRecursion,
            RequestDnssec = a.Dnssec,
        });
        IResultWriter<DnsAnswer> writer = a.Json ? new JsonArrayWriter<DnsAnswer>(console.Out) : new DnsAnswerText(console.Out);
        var failed = false;
        writer.Begin();
        try
        {
            await foreach (var answer in DnsLookup.RunAsync(client, [a.QueryName!], a.Type, servers, servers.Count, cancellationToken).ConfigureAwait(false))
            {
                var shown = hostsConfig is null ? answer : ConfiguredServers.WithHostsCheck(answer, hostsConfig);
                writer.Write(shown);
                failed |= OutcomeRules.HasError(shown.Findings);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.End();
            console.Error.WriteLine("conndiag: cancelled");
            return ExitCodes.Cancelled;
        }
        writer.End();
        return failed ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }
}
