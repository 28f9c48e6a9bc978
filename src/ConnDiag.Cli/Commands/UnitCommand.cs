using System.Globalization;
using System.Text.Json;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Services;
using ConnDiag.Services.UnitFiles;

namespace ConnDiag.Cli.Commands;

/// <summary>`conndiag unit NAME | --path FILE | --port N`: check the systemd unit behind a service (Linux, read-only).</summary>
internal static class UnitCommand
{
    public const string Name = "unit";

    internal sealed record Arguments(string? Unit, string? Path, int? Port, string? Root, bool Json, bool Help);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        string? unit = null, path = null, root = null, given = null;
        int? port = null;
        bool json = false, help = false;
        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                UsageException.Once(ref given, "NAME", "the unit");
                if (arg.Text.Trim().Length == 0) throw new UsageException("NAME is empty");
                unit = arg.Text;
                continue;
            }
            switch (arg.Name)
            {
                case "--path":
                    UsageException.Once(ref given, "--path", "the unit");
                    path = reader.ValueOf(arg);
                    if (path.Length == 0) throw new UsageException("--path is empty");
                    break;
                case "--port" or "-p":
                    UsageException.Once(ref given, arg.Name, "the unit");
                    var text = reader.ValueOf(arg);
                    port = ValueParsers.Port(arg.Name, text, text);
                    break;
                case "--root":
                    root = reader.ValueOf(arg);
                    if (root.Length == 0) throw new UsageException("--root is empty");
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help)) throw reader.Unknown(arg);
                    break;
            }
        }
        if (!help && given is null) throw new UsageException($"'conndiag {Name}' needs a unit: NAME, --path FILE or --port N (see 'conndiag help {Name}')");
        return new Arguments(unit, path, port, root, json, help);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Unit);
            return ExitCodes.Ok;
        }

        SystemdUnitReport report;
        try
        {
            var diagnoser = new SystemdUnitDiagnoser(new SystemdUnitOptions { Root = a.Root ?? "/" });
            report = await (a.Path is not null ? diagnoser.TestPathAsync(a.Path, cancellationToken)
                : a.Port is { } port ? diagnoser.TestPortAsync(port, cancellationToken)
                : diagnoser.TestNameAsync(a.Unit!, cancellationToken)).ConfigureAwait(false);
        }
        catch (UnitInputException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (PlatformNotSupportedException ex)
        {
            throw new UsageException(ex.Message.TrimEnd('.'));
        }

        if (a.Json)
        {
            console.Out.Write(JsonSerializer.Serialize(report, JsonOutput.Options));
            console.Out.WriteLine();
        }
        else
        {
            // The endpoint layout (header, stages, findings) titled by the unit instead of a URL, and its files.
            var title = report.Unit ?? "port " + report.Target.Port.ToString(CultureInfo.InvariantCulture);
            new EndpointReportText(console.Out, (w, _) => Files(w, report)).Write(report with { Url = title });
        }
        console.Out.Flush();
        return report.IsHealthy ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }

    private static void Files(TextWriter w, SystemdUnitReport report)
    {
        if (report.UnitFile is null) return;
        w.WriteLine($"  file: {FindingText.OneLine(report.UnitFile)}");
        foreach (var d in report.DropIns) w.WriteLine($"  drop-in: {FindingText.OneLine(d)}");
    }
}
