using System.Text.Json;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Dns.Configuration;
using ConnDiag.Model;

namespace ConnDiag.Cli.Commands;

/// <summary>`conndiag resolver`: read the system resolver configuration (optionally other files, and names to check), render it.</summary>
internal static class ResolverCommand
{
    public const string Name = "resolver";

    internal sealed record Arguments(IReadOnlyList<string> Names, string? ResolvConf, string? Hosts, string? Nsswitch, bool Json, bool Help);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var names = new List<string>();
        string? resolvConf = null, hosts = null, nsswitch = null;
        bool json = false, help = false;
        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                if (SearchList.ValidateName(arg.Text) is { } problem) throw new UsageException($"invalid name '{FindingText.OneLine(arg.Text)}': {problem}");
                names.Add(arg.Text);
                continue;
            }
            switch (arg.Name)
            {
                case "--resolv-conf":
                    resolvConf = ExistingFile(arg.Name, reader.ValueOf(arg));
                    break;
                case "--hosts":
                    hosts = ExistingFile(arg.Name, reader.ValueOf(arg));
                    break;
                case "--nsswitch":
                    nsswitch = ExistingFile(arg.Name, reader.ValueOf(arg));
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help)) throw reader.Unknown(arg);
                    break;
            }
        }
        return new Arguments(names.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), resolvConf, hosts, nsswitch, json, help);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Resolver);
            return ExitCodes.Ok;
        }

        var sources = ResolverConfigurationSources.ForCurrentSystem().WithFiles(a.ResolvConf, a.Hosts, a.Nsswitch);
        var config = await new ResolverConfigurationReader(sources).ReadAsync(a.Names, cancellationToken).ConfigureAwait(false);

        if (a.Json)
        {
            console.Out.Write(JsonSerializer.Serialize(config, JsonOutput.Options));
            console.Out.WriteLine();
        }
        else
        {
            ResolverText.Write(console.Out, config);
        }
        console.Out.Flush();
        return config.Findings.Any(f => f.Severity == Severity.Error) ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    private static string ExistingFile(string option, string path)
    {
        if (path.Length == 0) throw UsageException.Invalid(option, path, "expected a file path");
        if (Directory.Exists(path)) throw UsageException.Invalid(option, path, "it is a directory, not a file");
        if (!File.Exists(path)) throw UsageException.Invalid(option, path, "no such file");
        return Path.GetFullPath(path);
    }
}
