using System.Globalization;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Diagnosis;
using ConnDiag.Monitoring;

namespace ConnDiag.Cli.Commands;

/// <summary>
/// `conndiag watch`: map the flags onto <see cref="WatchSettings"/> (which alone decides what is valid, as for
/// Watch-Endpoint), run the engine's watch, write each sample as it arrives. Ctrl+C is the normal end of a
/// watch, so the exit code is the last state (0 Ok, 1 Warning or Critical), not 130.
/// </summary>
internal static class WatchCommand
{
    public const string Name = "watch";

    internal sealed record Arguments(string? Target, WatchSettings Settings, bool Json, bool Help);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        string? target = null;
        var settings = new WatchSettings();
        var connection = new EndpointSettings();
        var stages = new List<string>();
        bool json = false, help = false;

        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                // The targets are not echoed: a URL may carry a key in its query string.
                if (target is not null) throw new UsageException("watch: one target at a time: run one watch per endpoint");
                target = arg.Text;
                continue;
            }
            switch (arg.Name)
            {
                case "--interval":
                    settings = settings with { IntervalSeconds = ValueParsers.Number(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "-c" or "--count":
                    settings = settings with { Count = ValueParsers.WholeNumber(arg.Name, reader.ValueOf(arg), 1, 999_999_999) };
                    break;
                case "--warn-ms":
                    settings = settings with { WarnMs = ValueParsers.Number(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--critical-ms":
                    settings = settings with { CriticalMs = ValueParsers.Number(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--error-warn-percent":
                    settings = settings with { ErrorRateWarnPercent = ValueParsers.Number(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--error-critical-percent":
                    settings = settings with { ErrorRateCriticalPercent = ValueParsers.Number(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--window":
                    settings = settings with { WindowSize = ValueParsers.WholeNumber(arg.Name, reader.ValueOf(arg), 1, WatchOptions.MaxWindowSize) };
                    break;
                case "--stage":
                    stages.Add(reader.ValueOf(arg));
                    break;
                case "-k" or "--insecure" or "--skip-cert-check":
                    ArgReader.NoValue(arg);
                    connection = connection with { SkipCertificateCheck = true };
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help) && !ConnectionFlags.TryApply(arg, reader, ref connection)) throw reader.Unknown(arg);
                    break;
            }
        }
        // --timeout is one of the shared connection flags; for a watch it also bounds the whole probe.
        settings = settings with { Stages = stages, TimeoutSeconds = connection.TimeoutSeconds, Connection = connection };
        return new Arguments(target, settings, json, help);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Watch);
            return ExitCodes.Ok;
        }
        if (a.Target is null) throw new UsageException("watch: no target: give a URL, HOST or HOST:PORT (see 'conndiag help watch')");
        if (!a.Settings.TryBuild(out var options, out var error)) throw new UsageException("watch: " + error);
        if (!EndpointTarget.TryParse(a.Target, out var target, out error)) throw new UsageException("watch: " + error);

        IResultWriter<EndpointSample> writer = a.Json ? new NdjsonWriter<EndpointSample>(console.Out) : new WatchSampleText(console.Out);
        EndpointSample? last = null;
        writer.Begin();
        await foreach (var sample in new EndpointWatcher().WatchAsync(target!, options!, cancellationToken).ConfigureAwait(false))
        {
            writer.Write(sample);
            last = sample;
        }
        writer.End();

        if (cancellationToken.IsCancellationRequested)
        {
            if (last is null) throw new OperationCanceledException(cancellationToken);
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"conndiag: watch stopped after {last.Sequence} probes; last state {last.State}"));
        }
        return last is null || last.State == WatchState.Ok ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }
}
