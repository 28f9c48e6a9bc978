namespace ConnDiag.Claude.Router;

/// <summary>The config text is not JSON5; <see cref="Line"/> and <see cref="Column"/> are 1-based, in the original file.</summary>
public sealed class RouterSyntaxException : Exception
{
    public RouterSyntaxException(int line, int column, string reason)
        : base($"line {line}, column {column}: {reason}")
    {
        Line = line;
        Column = column;
        Reason = reason;
    }

    public RouterSyntaxException() : this(1, 1, "syntax error") { }

    public RouterSyntaxException(string message) : this(1, 1, message) { }

    public RouterSyntaxException(string message, Exception inner) : base(message, inner) => Reason = message;

    /// <summary>1-based line in the original text.</summary>
    public int Line { get; }

    /// <summary>1-based column (characters) in the original text.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without quoting the file (which may hold secrets).</summary>
    public string Reason { get; } = "";

    internal static RouterSyntaxException At(string text, int offset, string reason)
    {
        var (line, column) = Position(text, offset);
        return new RouterSyntaxException(line, column, reason);
    }

    /// <summary>1-based line and column of a character offset (CRLF, LF and CR all end a line).</summary>
    internal static (int Line, int Column) Position(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        int line = 1, lineStart = 0;
        for (var k = 0; k < offset; k++)
        {
            if (text[k] == '\n' || (text[k] == '\r' && (k + 1 >= text.Length || text[k + 1] != '\n')))
            {
                line++;
                lineStart = k + 1;
            }
        }
        // A leading BOM is not a column anyone sees in an editor.
        var bom = lineStart == 0 && text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        return (line, offset - lineStart + 1 - bom);
    }
}
