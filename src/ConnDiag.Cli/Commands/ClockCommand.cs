using System.Globalization;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Clock;
using ConnDiag.Model;

namespace ConnDiag.Cli.Commands;

/// <summary>`conndiag clock`: the local clock against NTP servers and/or URLs' Date headers, one result each.</summary>
internal static class ClockCommand
{
    public const string Name = "clock";

    /// <summary>A year: beyond that "allowed offset" stops meaning anything.</summary>
    private const double MaxOffsetSeconds = 31_536_000;

    internal sealed record Arguments(IReadOnlyList<ClockSource> Sources, TimeSpan Timeout, TimeSpan? MaximumOffset, bool Json, bool Help);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var sources = new List<ClockSource>();
        var timeout = ClockSkewOptions.DefaultTimeout;
        TimeSpan? maxOffset = null;
        bool json = false, help = false;
        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                throw new UsageException($"clock takes no positional arguments (got '{arg.Text}'): give --ntp SERVER or --url URL");
            }
            switch (arg.Name)
            {
                case "--ntp":
                    var server = reader.ValueOf(arg);
                    if (!ClockSource.TryParseNtpServer(server, out var ntp, out var ntpError)) throw UsageException.Invalid(arg.Name, server, ntpError!);
                    sources.Add(ntp!);
                    break;
                case "--url":
                    var url = reader.ValueOf(arg);
                    if (!ClockSource.TryParseUri(url, out var http, out var urlError)) throw UsageException.Invalid(arg.Name, url, urlError!);
                    sources.Add(http!);
                    break;
                case "--timeout":
                    timeout = ValueParsers.Seconds(arg.Name, reader.ValueOf(arg));
                    break;
                case "--max-offset":
                    maxOffset = OffsetSeconds(arg.Name, reader.ValueOf(arg));
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help)) throw reader.Unknown(arg);
                    break;
            }
        }
        return new Arguments(sources, timeout, maxOffset, json, help);
    }

    private static TimeSpan OffsetSeconds(string option, string text)
    {
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s) && s >= 0 && s <= MaxOffsetSeconds)
        {
            return TimeSpan.FromSeconds(s);
        }
        throw UsageException.Invalid(option, text, "expected seconds, a number from 0 to 31536000");
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Clock);
            return ExitCodes.Ok;
        }

        var sources = a.Sources.Count > 0 ? a.Sources : [SystemSource(console)];
        var options = new ClockSkewOptions(a.Timeout, a.MaximumOffset);
        var probe = new ClockSkewProbe();
        IResultWriter<ClockSkewResult> writer = a.Json
            ? new JsonArrayWriter<ClockSkewResult>(console.Out)
            : new ClockResultTable(console.Out, sources);
        return await ResultStream.WriteAllAsync(MeasureAll(probe, sources, options, cancellationToken),
            writer, r => r.Findings, console, sources.Count, "sources", cancellationToken).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<ClockSkewResult> MeasureAll(
        ClockSkewProbe probe, IReadOnlyList<ClockSource> sources, ClockSkewOptions options,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            yield return await probe.MeasureAsync(source, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>No --ntp and no --url: the first NTP server the system's time service is configured with.</summary>
    private static ClockSource SystemSource(CliConsole console)
    {
        foreach (var c in SystemTimeSources.Discover())
        {
            if (ClockSource.TryParseNtpServer(c.Server, out var source, out _))
            {
                console.Error.WriteLine($"conndiag: using NTP server {FindingText.OneLine(c.Server)} from {c.ConfiguredIn}");
                return source!;
            }
        }
        var where = OperatingSystem.IsWindows() ? "the W32Time NtpServer registry value" : string.Join(", ", SystemTimeSources.UnixConfigPaths);
        throw new UsageException($"clock: no NTP server is configured on this system (looked in {where}): give --ntp SERVER or --url URL");
    }
}
