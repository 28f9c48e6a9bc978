using System.Text;

namespace ConnDiag.Cli;

/// <summary>
/// The process's streams and terminal width, passed in so the commands can also run inside a test.
/// <see cref="Out"/> is buffered: renderers flush after each result, which keeps a 10,000-row sweep from
/// paying one write system call per line while results still appear as they complete.
/// </summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<TextReader> OpenStdin, int Width)
{
    /// <summary>Column count used when stdout is not a terminal (pipes and files get stable output).</summary>
    public const int DefaultWidth = 80;

    public static CliConsole FromProcess()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, bufferSize: 16 * 1024) { AutoFlush = false };
        return new CliConsole(
            stdout,
            Console.Error,
            () => new StreamReader(Console.OpenStandardInput(), utf8, detectEncodingFromByteOrderMarks: true),
            TerminalWidth());
    }

    private static int TerminalWidth()
    {
        if (Console.IsOutputRedirected) return DefaultWidth;
        try
        {
            var w = Console.WindowWidth;
            return w > 0 ? w : DefaultWidth;
        }
        catch (IOException)
        {
            return DefaultWidth;
        }
        catch (PlatformNotSupportedException)
        {
            return DefaultWidth;
        }
    }
}
