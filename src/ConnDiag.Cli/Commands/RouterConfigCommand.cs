using System.Text.Json;
using ConnDiag.Claude.Router;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Model;

namespace ConnDiag.Cli.Commands;

/// <summary>`conndiag router-config [PATH]`: validate a claude-code-router config (read-only) and render the report.</summary>
internal static class RouterConfigCommand
{
    public const string Name = "router-config";

    internal sealed record Arguments(string? Path, bool Json, bool Help, bool Probe = false, bool SkipProviderCheck = false);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        string? path = null;
        bool json = false, help = false, probe = false, skipProviders = false;
        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                if (path is not null) throw new UsageException($"'conndiag {Name}' takes one PATH, got '{FindingText.OneLine(path)}' and '{FindingText.OneLine(arg.Text)}'");
                if (arg.Text.Length == 0) throw new UsageException("PATH is empty");
                path = arg.Text;
                continue;
            }
            switch (arg.Name)
            {
                case "--probe":
                    ArgReader.NoValue(arg);
                    probe = true;
                    break;
                case "--skip-provider-check":
                    ArgReader.NoValue(arg);
                    skipProviders = true;
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help)) throw reader.Unknown(arg);
                    break;
            }
        }
        // Help wins over a combination that would be refused.
        if (skipProviders && !probe && !help) throw new UsageException("--skip-provider-check only applies with --probe");
        return new Arguments(path, json, help, probe, skipProviders);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.RouterConfig);
            return ExitCodes.Ok;
        }

        RouterConfigReport report;
        try
        {
            report = await new RouterConfigValidator(new RouterConfigOptions { Probe = a.Probe, ProbeProviders = !a.SkipProviderCheck }).ValidateAsync(a.Path ?? RouterConfigOptions.DefaultPath, cancellationToken).ConfigureAwait(false);
        }
        catch (RouterConfigInputException ex)
        {
            throw new UsageException(ex.Message);
        }

        if (a.Json)
        {
            console.Out.Write(JsonSerializer.Serialize(report, JsonOutput.Options));
            console.Out.WriteLine();
        }
        else
        {
            RouterConfigText.Write(console.Out, report);
        }
        console.Out.Flush();
        return report.IsValid ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }
}
