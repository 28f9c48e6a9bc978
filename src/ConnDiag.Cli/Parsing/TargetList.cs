using System.Globalization;
using System.Text;
using ConnDiag.Model;

namespace ConnDiag.Cli.Parsing;

/// <summary>Where target texts come from, in command-line order.</summary>
internal abstract record TargetSource
{
    public sealed record Text(string Value) : TargetSource;
    public sealed record File(string Path) : TargetSource;
    public sealed record Stdin : TargetSource;
}

/// <summary>
/// Reads every target before the sweep starts, so a bad line 5,000 of a file is reported (with its line
/// number) before any connection is made, instead of after half the output. Lines are length-capped and the
/// list is count-capped, so a wrong file (a binary, /dev/zero) fails fast with a clear error.
/// </summary>
internal static class TargetList
{
    public const int MaxLineLength = 4096;
    public const int MaxTargets = 1_000_000;
    public const string StdinName = "stdin";

    public static List<Target> Build(
        IEnumerable<TargetSource> sources, IReadOnlyList<int> ports, Func<TextReader> openStdin, Func<string, TextReader>? openFile = null,
        CancellationToken cancellationToken = default)
    {
        openFile ??= OpenFile;
        var targets = new List<Target>();
        var stdinRead = false;
        foreach (var source in sources)
        {
            switch (source)
            {
                case TargetSource.Text t:
                    Add(targets, Expand(t.Value, ports, where: null));
                    break;
                case TargetSource.File f:
                    using (var reader = openFile(f.Path))
                    {
                        ReadInto(targets, reader, f.Path, ports, cancellationToken);
                    }
                    break;
                case TargetSource.Stdin:
                    if (stdinRead) throw new UsageException("stdin ('-' or --file -) can be read only once");
                    stdinRead = true;
                    ReadInto(targets, openStdin(), StdinName, ports, cancellationToken);
                    break;
            }
        }
        // A read cut short by Ctrl+C looks like the end of the input; it must not become "no targets".
        cancellationToken.ThrowIfCancellationRequested();
        return targets;
    }

    /// <summary>
    /// One target text: its own port wins, otherwise one target per --port value. <paramref name="where"/>
    /// ("file:line") prefixes the error when the text came from a list.
    /// </summary>
    public static IEnumerable<Target> Expand(string text, IReadOnlyList<int> ports, string? where)
    {
        var prefix = where is null ? "" : where + ": ";
        if (!Target.TryParseParts(text, out var host, out var ownPort, out var error))
        {
            throw new UsageException(prefix + (error!.StartsWith('\'') ? "invalid target " + error : "invalid target: " + error));
        }
        if (ownPort is { } p) return [new Target(host!, p)];
        if (ports.Count == 0)
        {
            throw new UsageException($"{prefix}invalid target '{text.Trim()}': no port: write HOST:PORT or give --port");
        }
        return ports.Select(port => new Target(host!, port));
    }

    private static void ReadInto(List<Target> targets, TextReader reader, string name, IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        var line = 0;
        var buffer = new StringBuilder();
        while (ReadLine(reader, buffer, name, line + 1) is { } text)
        {
            line++;
            cancellationToken.ThrowIfCancellationRequested();
            var content = StripComment(text).Trim();
            if (content.Length == 0) continue;
            Add(targets, Expand(content, ports, $"{name}:{line.ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    /// <summary>'#' starts a comment at the start of a line or after whitespace (a URL's #fragment is kept).</summary>
    internal static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line[..i];
        }
        return line;
    }

    /// <summary>ReadLine with a length cap: a file without line breaks must not be read whole into memory.</summary>
    internal static string? ReadLine(TextReader reader, StringBuilder buffer, string name, int lineNumber)
    {
        buffer.Clear();
        while (true)
        {
            var c = reader.Read();
            if (c < 0) return buffer.Length > 0 ? buffer.ToString() : null;
            if (c == '\n') return buffer.ToString();
            if (c == '\r')
            {
                if (reader.Peek() == '\n') reader.Read();
                return buffer.ToString();
            }
            if (buffer.Length >= MaxLineLength)
            {
                throw new UsageException($"{name}:{lineNumber.ToString(CultureInfo.InvariantCulture)}: line is longer than {MaxLineLength.ToString(CultureInfo.InvariantCulture)} characters; expected one target per line");
            }
            buffer.Append((char)c);
        }
    }

    private static void Add(List<Target> targets, IEnumerable<Target> more)
    {
        foreach (var t in more)
        {
            if (targets.Count >= MaxTargets)
            {
                throw new UsageException($"too many targets: the limit is {MaxTargets.ToString(CultureInfo.InvariantCulture)} per run; split the list");
            }
            targets.Add(t);
        }
    }

    internal static StreamReader OpenFile(string path)
    {
        string why;
        try
        {
            return new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        }
        catch (FileNotFoundException) { why = "no such file"; }
        catch (DirectoryNotFoundException) { why = "no such file or directory"; }
        catch (UnauthorizedAccessException) { why = "permission denied (or it is a directory)"; }
        catch (IOException ex) { why = ex.Message; }
        catch (ArgumentException ex) { why = ex.Message; }
        throw new UsageException($"cannot read --file '{path}': {why}");
    }
}
