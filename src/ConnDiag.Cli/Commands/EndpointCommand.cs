using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Diagnosis;
using ConnDiag.Dns;
using ConnDiag.Model;

namespace ConnDiag.Cli.Commands;

/// <summary>
/// `conndiag endpoint`: map the flags onto <see cref="EndpointSettings"/> (which alone decides what is valid, so
/// the CLI and Test-Endpoint reject the same input), run the engine's sweep, render each report as it finishes.
/// </summary>
internal static class EndpointCommand
{
    public const string Name = "endpoint";

    internal sealed record Arguments(
        IReadOnlyList<TargetSource> Sources,
        EndpointSettings Settings,
        int Throttle,
        bool Json,
        bool Help);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var sources = new List<TargetSource>();
        var headers = new List<KeyValuePair<string, string>>();
        var expect = new List<int>();
        var resolvers = new List<string>();
        var settings = new EndpointSettings();
        var throttle = EndpointSweep.DefaultThrottleLimit;
        bool json = false, help = false;
        string? tokenFrom = null, userFrom = null;

        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                sources.Add(arg.Text == "-" ? new TargetSource.Stdin() : new TargetSource.Text(arg.Text));
                continue;
            }
            switch (arg.Name)
            {
                case "-X" or "--method" or "--request":
                    settings = settings with { Method = reader.ValueOf(arg) };
                    break;
                case "-H" or "--header":
                    headers.Add(HeaderOption(arg.Name, reader.ValueOf(arg)));
                    break;
                case "-d" or "--data":
                    settings = settings with { Body = reader.ValueOf(arg) };
                    break;
                case "--token-env":
                    UsageException.Once(ref tokenFrom, arg.Name, "a token");
                    settings = settings with { Token = SecretSources.FromEnvironment(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--token-file":
                    UsageException.Once(ref tokenFrom, arg.Name, "a token");
                    settings = settings with { Token = SecretSources.FromFile(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--user-env":
                    UsageException.Once(ref userFrom, arg.Name, "a user");
                    var (user, password) = SecretSources.UserFromEnvironment(arg.Name, reader.ValueOf(arg));
                    settings = settings with { UserName = user, Password = password };
                    break;
                case "--expect-status":
                    var list = reader.ValueOf(arg);
                    foreach (var part in list.Split(','))
                    {
                        expect.Add(ValueParsers.Integer(arg.Name, part.Trim()));
                    }
                    break;
                case "--expect-body":
                    settings = settings with { ExpectBodyPattern = reader.ValueOf(arg) };
                    break;
                case "--warn-ms":
                    settings = settings with { WarnMs = ValueParsers.Number(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--critical-ms":
                    settings = settings with { CriticalMs = ValueParsers.Number(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--origin":
                    settings = settings with { Origin = reader.ValueOf(arg) };
                    break;
                case "--compare-direct":
                    ArgReader.NoValue(arg);
                    settings = settings with { CompareDirect = true };
                    break;
                case "--retries":
                    settings = settings with { Retries = ValueParsers.Integer(arg.Name, reader.ValueOf(arg)) };
                    break;
                case "--throttle":
                    throttle = ValueParsers.WholeNumber(arg.Name, reader.ValueOf(arg), 1, EndpointSweep.MaxThrottleLimit);
                    break;
                case "-f" or "--file":
                    var path = reader.ValueOf(arg);
                    if (path.Length == 0) throw UsageException.Invalid(arg.Name, path, "expected a file path, or - for stdin");
                    sources.Add(path == "-" ? new TargetSource.Stdin() : new TargetSource.File(path));
                    break;
                case "-k" or "--insecure" or "--skip-cert-check":
                    ArgReader.NoValue(arg);
                    settings = settings with { SkipCertificateCheck = true };
                    break;
                case "--resolver":
                    resolvers.Add(reader.ValueOf(arg));
                    break;
                case "--tls":
                    ArgReader.NoValue(arg);
                    settings = settings with { UseTls = true };
                    break;
                case "--no-redirect":
                    ArgReader.NoValue(arg);
                    settings = settings with { NoRedirect = true };
                    break;
                case "--max-body":
                    settings = settings with { MaxBodyBytes = ValueParsers.Integer(arg.Name, reader.ValueOf(arg)) };
                    break;
                default:
                    if (!ArgReader.TryCommon(arg, ref json, ref help) && !ConnectionFlags.TryApply(arg, reader, ref settings)) throw reader.Unknown(arg);
                    break;
            }
        }
        settings = settings with
        {
            Headers = headers,
            ExpectStatus = expect.Count == 0 ? null : expect,
            Resolvers = resolvers,
        };
        return new Arguments(sources, settings, throttle, json, help);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Endpoint);
            return ExitCodes.Ok;
        }
        // The engine validates every value once for both front ends; its message is the one-line error.
        if (!a.Settings.TryBuild(out var options, out var error)) throw new UsageException("endpoint: " + error);

        // Every target is parsed before the first probe, so bad input never leaves half a sweep behind.
        var targets = EndpointTargetList.Build(a.Sources, console.OpenStdin, cancellationToken);
        if (targets.Count == 0)
        {
            throw new UsageException(a.Sources.Count == 0
                ? "endpoint: no targets: give a URL, HOST or HOST:PORT, --file PATH, or - to read stdin (see 'conndiag help endpoint')"
                : "endpoint: no targets: the input held only blank lines and comments");
        }

        IResultWriter<DiagnosticReport> writer = a.Json
            ? new JsonArrayWriter<DiagnosticReport>(console.Out)
            : new EndpointReportText(console.Out);
        var sweep = EndpointSweep.RunAsync(new EndpointDiagnoser(), targets, options!, a.Throttle, null, cancellationToken);
        return await ResultStream.WriteAllAsync(Reports(sweep), writer, r => r.Outcome == Outcome.Fail,
            console, targets.Count, "targets", cancellationToken).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<DiagnosticReport> Reports(IAsyncEnumerable<EndpointSweepResult> sweep)
    {
        await foreach (var r in sweep.ConfigureAwait(false)) yield return r.Report;
    }

    /// <summary>'Name: value' (curl's form). Errors name the header but never echo a value, which may be a secret.</summary>
    private static KeyValuePair<string, string> HeaderOption(string option, string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new UsageException($"invalid {option}: expected 'Name: value' (the text is not shown, in case it is a secret)");
        }
        return KeyValuePair.Create(text[..colon].Trim(), text[(colon + 1)..].Trim());
    }
}
