using System.Reflection;
using ConnDiag.Cli.Commands;
using ConnDiag.Cli.Output;

namespace ConnDiag.Cli;

/// <summary>
/// Dispatches to a subcommand and is the one place errors become exit codes: bad input → 2 with one line,
/// Ctrl+C → 130, anything unexpected → 1 with one line. No stack trace reaches the user
/// (set CONNDIAG_DEBUG=1 to see it when reporting a bug).
/// </summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            return await DispatchAsync(args, console, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            FlushQuietly(console.Out);
            console.Error.WriteLine("conndiag: " + FindingText.OneLine(ex.Message));
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            FlushQuietly(console.Out);
            console.Error.WriteLine("conndiag: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            FlushQuietly(console.Out);
            console.Error.WriteLine($"conndiag: unexpected error: {ex.GetType().Name}: {FindingText.OneLine(ex.Message)}");
            if (Environment.GetEnvironmentVariable("CONNDIAG_DEBUG") is "1" or "true") console.Error.WriteLine(ex);
            return ExitCodes.CheckFailed;
        }
        finally
        {
            FlushQuietly(console.Out);
        }
    }

    private static Task<int> DispatchAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Count == 0) throw new UsageException("no command given (see 'conndiag --help')");
        var rest = args.Skip(1).ToList();
        switch (args[0])
        {
            case TcpCommand.Name:
                return TcpCommand.RunAsync(rest, console, cancellationToken);
            case PortOwnerCommand.Name:
                return PortOwnerCommand.RunAsync(rest, console, cancellationToken);
            case ClockCommand.Name:
                return ClockCommand.RunAsync(rest, console, cancellationToken);
            case ResolverCommand.Name:
                return ResolverCommand.RunAsync(rest, console, cancellationToken);
            case DnsCommand.Name:
                return DnsCommand.RunAsync(rest, console, cancellationToken);
            case TlsCommand.Name:
                return TlsCommand.RunAsync(rest, console, cancellationToken);
            case EndpointCommand.Name:
                return EndpointCommand.RunAsync(rest, console, cancellationToken);
            case StatusCommand.Name:
                return StatusCommand.RunAsync(rest, console, cancellationToken);
            case RouterConfigCommand.Name:
                return RouterConfigCommand.RunAsync(rest, console, cancellationToken);
            case LogsCommand.Name:
                return LogsCommand.RunAsync(rest, console, cancellationToken);
            case ClaudeCommand.Name:
                return ClaudeCommand.RunAsync(rest, console, cancellationToken);
            case WatchCommand.Name:
                return WatchCommand.RunAsync(rest, console, cancellationToken);
            case MetricsCommand.Name:
                return MetricsCommand.RunAsync(rest, console, cancellationToken);
            case ReportCommand.Name:
                return ReportCommand.RunAsync(rest, console, cancellationToken);
            case UnitCommand.Name:
                return UnitCommand.RunAsync(rest, console, cancellationToken);
            case FirewallCommand.Name:
                return FirewallCommand.RunAsync(rest, console, cancellationToken);
            case "help":
                console.Out.Write(Help(rest));
                return Task.FromResult(ExitCodes.Ok);
            case "-h" or "--help":
                console.Out.Write(HelpText.General);
                return Task.FromResult(ExitCodes.Ok);
            case "--version":
                console.Out.WriteLine("conndiag " + Version);
                return Task.FromResult(ExitCodes.Ok);
            case var other when other.StartsWith('-'):
                throw new UsageException($"unknown option '{other}' (see 'conndiag --help')");
            default:
                throw UnknownCommand(args[0]);
        }
    }

    private static string Help(IReadOnlyList<string> rest) => rest switch
    {
        [] => HelpText.General,
        [TcpCommand.Name] => HelpText.Tcp,
        [PortOwnerCommand.Name] => HelpText.PortOwner,
        [ClockCommand.Name] => HelpText.Clock,
        [ResolverCommand.Name] => HelpText.Resolver,
        [DnsCommand.Name] => HelpText.Dns,
        [TlsCommand.Name] => HelpText.Tls,
        [EndpointCommand.Name] => HelpText.Endpoint,
        [StatusCommand.Name] => HelpText.Status,
        [RouterConfigCommand.Name] => HelpText.RouterConfig,
        [LogsCommand.Name] => HelpText.Logs,
        [ClaudeCommand.Name] => HelpText.Claude,
        [WatchCommand.Name] => HelpText.Watch,
        [MetricsCommand.Name] => HelpText.Metrics,
        [ReportCommand.Name] => HelpText.Report,
        [UnitCommand.Name] => HelpText.Unit,
        [FirewallCommand.Name] => HelpText.Firewall,
        [var name] => throw UnknownCommand(name),
        _ => throw new UsageException($"help takes one command name, got {rest.Count} arguments"),
    };

    /// <summary>Every command, in the order the help lists them (the unknown-command message names them all).</summary>
    private static readonly string[] Commands =
    [
        TcpCommand.Name, PortOwnerCommand.Name, ClockCommand.Name, ResolverCommand.Name, DnsCommand.Name, TlsCommand.Name,
        EndpointCommand.Name, StatusCommand.Name, RouterConfigCommand.Name, LogsCommand.Name, ClaudeCommand.Name,
        WatchCommand.Name, MetricsCommand.Name, ReportCommand.Name, UnitCommand.Name, FirewallCommand.Name,
    ];

    private static UsageException UnknownCommand(string name) =>
        new($"unknown command '{name}' (commands: {string.Join(", ", Commands)}; see 'conndiag --help')");

    /// <summary>The informational version (0.1.0, plus +commit when the SDK stamps one).</summary>
    public static string Version =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliApp).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private static void FlushQuietly(TextWriter output)
    {
        try
        {
            output.Flush();
        }
        catch (IOException)
        {
            // stdout closed early (e.g. piped into head): nothing left to tell it.
        }
    }
}
