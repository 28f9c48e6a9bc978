using System.Text;
using ConnDiag.Cli.Output;
using ConnDiag.Cli.Parsing;
using ConnDiag.Reports;

namespace ConnDiag.Cli.Commands;

/// <summary>
/// `conndiag report`: a JSON report (`conndiag endpoint|claude|tls --json`) from a file or stdin → one HTML or Markdown
/// document, to a file or stdout. The engine does the rendering (the same path as Export-DiagnosticReport); this file
/// only binds the arguments and maps refusals to exit 2.
/// </summary>
internal static class ReportCommand
{
    public const string Name = "report";

    /// <summary>Largest JSON input read (characters); a report with every stage's evidence is far below it.</summary>
    public const int MaxInputChars = 16 * 1024 * 1024;

    internal sealed record Arguments(string? Input, string? Output, ReportFormat? Format, bool Force, bool Help);

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        string? input = null, output = null;
        ReportFormat? format = null;
        bool force = false, help = false;
        var reader = new ArgReader(Name, args);
        while (reader.TryNext(out var arg))
        {
            if (!arg.IsOption)
            {
                if (input is not null) throw new UsageException($"'conndiag {Name}' takes one input FILE, got '{FindingText.OneLine(input)}' and '{FindingText.OneLine(arg.Text)}'");
                input = arg.Text;
                continue;
            }
            switch (arg.Name)
            {
                case "-o" or "--output":
                    if (output is not null) throw new UsageException($"{arg.Name} given twice: pass one output PATH");
                    output = reader.ValueOf(arg);
                    if (output.Length == 0) throw UsageException.Invalid(arg.Name, output, "a file path, or leave it out to write to stdout");
                    break;
                case "--format":
                    var value = reader.ValueOf(arg);
                    format = value.ToLowerInvariant() switch
                    {
                        "html" or "htm" => ReportFormat.Html,
                        "markdown" or "md" => ReportFormat.Markdown,
                        _ => throw UsageException.Invalid(arg.Name, value, "html or markdown"),
                    };
                    break;
                case "--force":
                    ArgReader.NoValue(arg);
                    force = true;
                    break;
                case "-h" or "--help":
                    help = true;
                    break;
                default:
                    throw reader.Unknown(arg);
            }
        }
        return new Arguments(input, output, format, force, help);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var a = Parse(args);
        if (a.Help)
        {
            console.Out.Write(HelpText.Report);
            return ExitCodes.Ok;
        }
        // Everything that can be refused is refused before the input is read: the format, an existing output file.
        var format = a.Format ?? (a.Output is null ? ReportFormat.Html
            : ReportFormats.FromExtension(a.Output) ?? throw new UsageException(ReportFormats.UnknownExtension(a.Output) + " (--format html|markdown)"));
        if (a.Output is not null && !a.Force && File.Exists(a.Output)) throw Exists(a.Output);

        var where = a.Input is null or "-" ? "stdin" : a.Input;
        var text = await ReadInputAsync(a.Input, console, cancellationToken).ConfigureAwait(false);
        string document;
        try
        {
            document = ReportDocument.Render([ReportDocument.ParseJson(text, where)], format);
        }
        catch (ReportInputException ex)
        {
            throw new UsageException(ex.Message.StartsWith(where, StringComparison.Ordinal) ? ex.Message : $"{where}: {ex.Message}");
        }

        if (a.Output is null)
        {
            console.Out.Write(document);
            return ExitCodes.Ok;
        }
        try
        {
            var file = ReportDocument.WriteFile(a.Output, document, a.Force);
            console.Error.WriteLine($"conndiag: wrote {file.FullName} ({file.Length} bytes)");
        }
        catch (ReportFileExistsException)
        {
            throw Exists(a.Output);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write '{a.Output}': {FindingText.OneLine(ex.Message)}");
        }
        return ExitCodes.Ok;
    }

    private static UsageException Exists(string path) =>
        new($"the file '{path}' already exists; pass --force to overwrite it (it was left unchanged)");

    private static async Task<string> ReadInputAsync(string? input, CliConsole console, CancellationToken cancellationToken)
    {
        TextReader reader;
        if (input is null or "-")
        {
            reader = console.OpenStdin();
        }
        else
        {
            if (Directory.Exists(input)) throw new UsageException($"'{input}' is a directory: give a JSON report file");
            if (!File.Exists(input)) throw new UsageException($"the input file '{input}' does not exist");
            try
            {
                reader = new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read '{input}': {FindingText.OneLine(ex.Message)}");
            }
        }
        using (reader)
        {
            var sb = new StringBuilder();
            var buffer = new char[64 * 1024];
            int n;
            while ((n = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (sb.Length + n > MaxInputChars)
                {
                    throw new UsageException($"{(input is null or "-" ? "stdin" : input)}: the input is larger than {MaxInputChars / (1024 * 1024)} MiB; a report is far smaller (split the input)");
                }
                sb.Append(buffer, 0, n);
            }
            return sb.ToString();
        }
    }
}
