using System.Globalization;
using System.Text.Json;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Logs;
using ConnDiag.Model;

namespace ConnDiag.Cli.Commands;

/// <summary>
/// `conndiag logs`: classify log lines (files, wildcards, .gz, journald JSON, stdin) into finding codes.
/// Exit 1 when any Error-severity line was found, so `conndiag logs app.log || alert` works; warnings
/// (HTTP.RATE_LIMITED) alone exit 0, as in every other command.
/// </summary>
internal static class LogsCommand
{
    public const string Name = "logs";

    internal sealed record Arguments(IReadOnlyList<string> Paths, DateTimeOffset? Since, int? Tail, bool Summary, bool Json, bool Help);

    public static Arguments Parse(IReadOnlyList<string> args, DateTimeOffset now)
    {
        var paths = new List<string>();
        DateTimeOffset? since = null;
        int? tail = null;
        bool summary = false, json = false, help = false;
        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                paths.Add(arg.Text);
                continue;
            }
            switch (arg.Name)
            {
                case "--since":
                    since = ParseSince(arg.Name, reader.ValueOf(arg), now);
                    break;
                case "-n" or "--tail":
                    tail = ValueParsers.WholeNumber(arg.Name, reader.ValueOf(arg), 0, int.MaxValue);
                    break;
                case "--summary":
                    ArgReader.NoValue(arg);
                    summary = true;
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help)) throw reader.Unknown(arg);
                    break;
            }
        }
        return new Arguments(paths, since, tail, summary, json, help);
    }

    /// <summary>An ISO 8601 date/time (local when it has no offset) or an age: 90s, 30m, 2h, 7d.</summary>
    internal static DateTimeOffset ParseSince(string option, string text, DateTimeOffset now)
    {
        var t = text.Trim();
        if (t.Length >= 2 && char.IsAsciiLetter(t[^1])
            && long.TryParse(t[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 36_500L * 86_400)
        {
            var unit = char.ToLowerInvariant(t[^1]) switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                _ => TimeSpan.Zero,
            };
            if (unit != TimeSpan.Zero && n * unit.TotalSeconds <= 36_500d * 86_400) return now - n * unit;
        }
        if (t.Length >= 10 && char.IsAsciiDigit(t[0])
            && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var when))
        {
            return when;
        }
        throw UsageException.Invalid(option, text, "a date/time such as 2026-11-22T06:00:00 or 2026-11-22 06:00, or an age such as 30m, 2h, 7d");
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args, DateTimeOffset.Now);
        if (a.Help)
        {
            console.Out.Write(HelpText.Logs);
            return ExitCodes.Ok;
        }
        var options = new LogScanOptions(a.Since, a.Tail);
        // Every path is resolved before the first line is read, so a typo never leaves half an output behind.
        var sources = ResolveSources(a.Paths);
        var findings = Scan(sources, options, console, cancellationToken);

        if (a.Summary)
        {
            var builder = new LogSummary.Builder();
            await foreach (var f in findings.WithCancellation(cancellationToken).ConfigureAwait(false)) builder.Add(f);
            var summary = builder.Build();
            if (a.Json)
            {
                console.Out.Write(JsonSerializer.Serialize(summary, JsonOutput.Options));
                console.Out.Write('\n');
            }
            else
            {
                LogText.WriteSummary(console.Out, summary);
            }
            return summary.Codes.Any(c => c.Severity == Severity.Error) ? ExitCodes.CheckFailed : ExitCodes.Ok;
        }

        IResultWriter<LogFinding> writer = a.Json ? new JsonArrayWriter<LogFinding>(console.Out) : new LogText(console.Out);
        return await ResultStream.WriteAllAsync(findings, writer, f => f.Severity == Severity.Error, console, sources.Count,
            "sources", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>File paths with wildcards expanded; null stands for stdin (no path, or '-').</summary>
    private static List<string?> ResolveSources(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) return [null];
        var result = new List<string?>();
        foreach (var p in paths)
        {
            if (p == "-")
            {
                result.Add(null);
                continue;
            }
            try
            {
                result.AddRange(LogPaths.Expand([p]));
            }
            catch (Exception ex) when (ex is FileNotFoundException or ArgumentException)
            {
                throw new UsageException(ex.Message);
            }
        }
        return result;
    }

    private static async IAsyncEnumerable<LogFinding> Scan(
        IReadOnlyList<string?> sources, LogScanOptions options, CliConsole console,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            var items = source is null
                ? LogScanner.ScanReaderAsync(console.OpenStdin(), "-", options, cancellationToken)
                : LogScanner.ScanFileAsync(source, options, cancellationToken);
            await foreach (var f in items.ConfigureAwait(false)) yield return f;
        }
    }
}
