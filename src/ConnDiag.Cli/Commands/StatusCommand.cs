using System.Text.Json;
using ConnDiag.Claude.Status;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;

namespace ConnDiag.Cli.Commands;

/// <summary>
/// `conndiag status [PROVIDER] [--url URL]`: what a provider's Statuspage says right now. The exit code answers a
/// runbook's question "is the provider having problems?": 0 operational (maintenance included), 1 degraded,
/// outage or unreadable, 2 bad input.
/// </summary>
internal static class StatusCommand
{
    public const string Name = "status";

    internal sealed record Arguments(StatusPageTarget Target, TimeSpan Timeout, bool Json, bool Help);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        string? provider = null, url = null;
        var timeout = StatusPageOptions.DefaultTimeout;
        bool json = false, help = false;
        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                if (provider is not null) throw new UsageException($"status takes one provider name (got '{FindingText.OneLine(provider)}' and '{FindingText.OneLine(arg.Text)}')");
                provider = arg.Text;
                continue;
            }
            switch (arg.Name)
            {
                case "--url":
                    url = reader.ValueOf(arg);
                    break;
                case "--timeout":
                    timeout = ValueParsers.Seconds(arg.Name, reader.ValueOf(arg));
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help)) throw reader.Unknown(arg);
                    break;
            }
        }
        if (help) return new Arguments(StatusPageTarget.ForProvider(StatusProviders.Anthropic), timeout, json, true);
        if (provider is not null && url is not null)
        {
            throw new UsageException($"give a provider name or --url, not both (got '{FindingText.OneLine(provider)}' and --url)");
        }
        try
        {
            // Pure: the URL is computed here, nothing is contacted before RunAsync.
            var target = url is not null ? StatusPageTarget.FromUrl(url) : StatusPageTarget.ForProvider(provider ?? StatusProviders.Anthropic);
            return new Arguments(target, timeout, json, false);
        }
        catch (ArgumentException ex)
        {
            // The engine's message names the value (credentials masked) and, for a name, the built-in providers.
            throw UsageException.FromArgument(ex);
        }
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Status);
            return ExitCodes.Ok;
        }

        var report = await new StatusPageClient().GetAsync(a.Target, new StatusPageOptions { Timeout = a.Timeout }, cancellationToken).ConfigureAwait(false);
        if (a.Json)
        {
            console.Out.Write(JsonSerializer.Serialize(report, JsonOutput.Options));
            console.Out.WriteLine();
        }
        else
        {
            ProviderStatusText.Write(console.Out, report);
        }
        console.Out.Flush();
        return report.IsOperational ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }
}
