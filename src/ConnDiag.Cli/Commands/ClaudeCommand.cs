using System.Text.Json;
using ConnDiag.Claude.Profile;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Diagnosis;
using ConnDiag.Model;

namespace ConnDiag.Cli.Commands;

/// <summary>
/// `conndiag claude`: Test-ClaudeConnection's engine from the command line. The generic flags (proxy, CA bundle,
/// connect-to, timeout) go through <see cref="EndpointSettings"/> so they are validated exactly as for `endpoint`;
/// the key and token come only from an environment variable or a file, never from argv.
/// </summary>
internal static class ClaudeCommand
{
    public const string Name = "claude";

    internal sealed record Arguments(ClaudeConnectionOptions Options, EndpointSettings Settings, bool Json, bool Help);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var options = new ClaudeConnectionOptions();
        var settings = new EndpointSettings();
        bool json = false, help = false;
        string? keyFrom = null, tokenFrom = null;

        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption) throw new UsageException($"{Name}: unexpected argument '{FindingText.OneLine(arg.Text)}' (give the base URL with --base-url)");
            switch (arg.Name)
            {
                case "--base-url":
                    options = options with { BaseUrl = reader.ValueOf(arg) };
                    break;
                case "--key-env":
                    UsageException.Once(ref keyFrom, arg.Name, "an API key");
                    options = options with { ApiKey = SecretSources.FromEnvironment(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--key-file":
                    UsageException.Once(ref keyFrom, arg.Name, "an API key");
                    options = options with { ApiKey = SecretSources.FromFile(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--token-env":
                    UsageException.Once(ref tokenFrom, arg.Name, "an auth token");
                    options = options with { AuthToken = SecretSources.FromEnvironment(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--token-file":
                    UsageException.Once(ref tokenFrom, arg.Name, "an auth token");
                    options = options with { AuthToken = SecretSources.FromFile(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--model":
                    var model = reader.ValueOf(arg);
                    if (model.Trim().Length == 0) throw UsageException.Invalid(arg.Name, model, "expected a model id, e.g. claude-sonnet-4-5");
                    options = options with { Model = model };
                    break;
                case "--profile":
                    options = options with { Profile = ProfileOf(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--send-message":
                    ArgReader.NoValue(arg);
                    options = options with { SendMessage = true };
                    break;
                case "--stream":
                    ArgReader.NoValue(arg);
                    options = options with { Stream = true };
                    break;
                case "--no-status-page":
                    ArgReader.NoValue(arg);
                    options = options with { IncludeStatusPage = false };
                    break;
                case "--stage":
                    options = options with { LastStage = reader.ValueOf(arg) };
                    break;
                case "--status-page-url":
                    options = options with { StatusPageUrl = reader.ValueOf(arg) };
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help) && !ConnectionFlags.TryApply(arg, reader, ref settings)) throw reader.Unknown(arg);
                    break;
            }
        }
        return new Arguments(options, settings, json, help);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Claude);
            return ExitCodes.Ok;
        }
        if (!a.Settings.TryBuild(out var diagnosis, out var error)) throw new UsageException($"{Name}: {error}");

        ClaudeConnectionReport report;
        try
        {
            report = await new ClaudeDiagnoser().DiagnoseAsync(a.Options with { Diagnosis = diagnosis! }, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // An explicit option the engine refused (base URL, status page URL); nothing was contacted.
            throw UsageException.FromArgument(ex, $"{Name}: ");
        }

        if (a.Json)
        {
            console.Out.Write(JsonSerializer.Serialize(report, JsonOutput.Options));
            console.Out.WriteLine();
        }
        else
        {
            new EndpointReportText(console.Out, ClaudeReportText.Details).Write(report);
        }
        console.Out.Flush();
        return report.Outcome == Outcome.Fail ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    private static ClaudeProfile ProfileOf(string option, string text) => text.Trim().ToLowerInvariant() switch
    {
        "anthropic" => ClaudeProfile.Anthropic,
        "gateway" => ClaudeProfile.Gateway,
        "router" or "claude-code-router" => ClaudeProfile.ClaudeCodeRouter,
        "auto" => ClaudeProfile.Auto,
        _ => throw UsageException.Invalid(option, text, "expected anthropic, gateway or router"),
    };
}
