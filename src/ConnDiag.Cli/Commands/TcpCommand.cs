using System.Globalization;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Dns;
using ConnDiag.Model;
using ConnDiag.Tcp;

namespace ConnDiag.Cli.Commands;

/// <summary>`conndiag tcp`: parse targets and options, run the engine's sweep, render, map the exit code.</summary>
internal static class TcpCommand
{
    public const string Name = "tcp";
    public const int DefaultThrottle = 64;

    internal sealed record Arguments(
        IReadOnlyList<TargetSource> Sources,
        IReadOnlyList<int> Ports,
        TimeSpan Timeout,
        int Throttle,
        AddressFamilyFilter Family,
        bool Json,
        bool Help,
        bool SystemResolver = false);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var sources = new List<TargetSource>();
        var ports = new List<int>();
        var timeout = TcpProbeOptions.DefaultTimeout;
        var throttle = DefaultThrottle;
        bool ipv4 = false, ipv6 = false, json = false, help = false, systemResolver = false;

        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                sources.Add(arg.Text == "-" ? new TargetSource.Stdin() : new TargetSource.Text(arg.Text));
                continue;
            }
            switch (arg.Name)
            {
                case "-p" or "--port":
                    ports.AddRange(ValueParsers.PortList(arg.Name, reader.ValueOf(arg)));
                    break;
                case "--timeout":
                    timeout = ValueParsers.Seconds(arg.Name, reader.ValueOf(arg));
                    break;
                case "--throttle":
                    throttle = ValueParsers.WholeNumber(arg.Name, reader.ValueOf(arg), 1, TcpSweep.MaxThrottleLimit);
                    break;
                case "-f" or "--file":
                    var path = reader.ValueOf(arg);
                    if (path.Length == 0) throw UsageException.Invalid(arg.Name, path, "expected a file path, or - for stdin");
                    sources.Add(path == "-" ? new TargetSource.Stdin() : new TargetSource.File(path));
                    break;
                case "-4" or "--ipv4":
                    ArgReader.NoValue(arg);
                    ipv4 = true;
                    break;
                case "-6" or "--ipv6":
                    ArgReader.NoValue(arg);
                    ipv6 = true;
                    break;
                case "--system-resolver":
                    ArgReader.NoValue(arg);
                    systemResolver = true;
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help)) throw reader.Unknown(arg);
                    break;
            }
        }
        if (ipv4 && ipv6) throw new UsageException("-4/--ipv4 and -6/--ipv6 exclude each other: give one, or neither to try every address");
        var family = ipv4 ? AddressFamilyFilter.IPv4 : ipv6 ? AddressFamilyFilter.IPv6 : AddressFamilyFilter.Any;
        return new Arguments(sources, ports, timeout, throttle, family, json, help, systemResolver);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Tcp);
            return ExitCodes.Ok;
        }

        // Every target is parsed before the first connect, so bad input never leaves half a sweep behind.
        var targets = TargetList.Build(a.Sources, a.Ports, console.OpenStdin, cancellationToken: cancellationToken);
        if (targets.Count == 0)
        {
            throw new UsageException(a.Sources.Count == 0
                ? "tcp: no targets: give HOST:PORT, --file PATH, or - to read stdin (see 'conndiag help tcp')"
                : "tcp: no targets: the input held only blank lines and comments");
        }

        IResultWriter<TcpPortResult> writer = a.Json
            ? new JsonArrayWriter<TcpPortResult>(console.Out)
            : new TcpResultTable(console.Out, targets, a.Family);
        var options = new TcpProbeOptions(a.Timeout, a.Family);

        var probe = a.SystemResolver ? TcpProbe.CreateDefault(SystemAddressResolver.Instance) : TcpProbe.CreateDefault();
        return await ResultStream.WriteAllAsync(TcpSweep.RunAsync(probe, targets, options, a.Throttle, null, cancellationToken),
            writer, r => r.Findings, console, targets.Count, "targets", cancellationToken).ConfigureAwait(false);
    }
}
