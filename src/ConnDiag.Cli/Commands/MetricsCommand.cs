using System.Globalization;
using ConnDiag.Cli.Parsing;
using ConnDiag.Monitoring.Prometheus;
using ConnDiag.Serialization;

namespace ConnDiag.Cli.Commands;

/// <summary>
/// `conndiag metrics`: the JSON any other command wrote with --json (stdin or --file) as Prometheus text
/// exposition on stdout, for node_exporter's textfile collector. Input that is not a ConnDiag result exits 2
/// with nothing on stdout, so `... > x.prom.tmp && mv x.prom.tmp x.prom` never installs half a file.
/// </summary>
internal static class MetricsCommand
{
    public const string Name = "metrics";

    internal sealed record Arguments(string? File, bool Help);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        string? file = null;
        var help = false;
        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                if (arg.Text != "-") throw new UsageException($"unexpected argument '{arg.Text}': conndiag metrics reads stdin ('-'), or a file given with --file PATH");
                continue;
            }
            switch (arg.Name)
            {
                case "-f" or "--file":
                    if (file is not null) throw new UsageException($"{arg.Name} given twice: conndiag metrics reads one file (concatenate them: cat a.json b.json | conndiag metrics)");
                    file = reader.ValueOf(arg);
                    break;
                case "-h" or "--help":
                    help = true;
                    break;
                default:
                    throw reader.Unknown(arg);
            }
        }
        return new Arguments(file, help);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Metrics);
            return ExitCodes.Ok;
        }
        var converter = new PrometheusConverter();
        try
        {
            foreach (var value in await ReadAsync(a.File, console, cancellationToken).ConfigureAwait(false))
            {
                if (converter.Add(value) is [var first, ..]) throw first;
            }
        }
        catch (ResultInputException ex)
        {
            throw new UsageException(ex.Message);
        }
        console.Out.Write(converter.ToText());
        if (converter.Replaced > 0)
        {
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"conndiag: note: {converter.Replaced} of {converter.InputCount} results had the same kind and target as a later one; the later one is written"));
        }
        return ExitCodes.Ok;
    }

    private static async Task<IReadOnlyList<System.Text.Json.JsonElement>> ReadAsync(string? file, CliConsole console, CancellationToken cancellationToken)
    {
        if (file is null) return await ConnDiagJsonReader.ReadAllAsync(console.OpenStdin(), "stdin", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(file)) throw new UsageException($"--file '{file}' is a directory: give the JSON file conndiag wrote with --json");
        try
        {
            await using var stream = File.OpenRead(file);
            return await ConnDiagJsonReader.ReadAllAsync(stream, file, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"--file '{file}' does not exist");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException($"--file '{file}' cannot be read (permission denied)");
        }
    }
}
