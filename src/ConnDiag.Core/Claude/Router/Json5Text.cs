using System.Text;

namespace ConnDiag.Claude.Router;

/// <summary>
/// Turns the JSON5 the router accepts into strict JSON for System.Text.Json, remembering for every output
/// character where it came from so a parse error can name the line and column of the file the user edits.
/// Handled: // and /* */ comments, trailing commas, single-quoted strings, unquoted identifier keys, a BOM.
/// Other JSON5 forms (hex numbers, Infinity, a leading +) are left as they are and fail as syntax errors.
/// </summary>
internal sealed class Json5Text
{
    private readonly string _source;
    private readonly StringBuilder _out = new();
    private readonly List<int> _origin = [];
    private int _i;

    private Json5Text(string source) => _source = source;

    /// <summary>The strict JSON text.</summary>
    public string Json => _out.ToString();

    /// <summary>For each character of <see cref="Json"/>, its offset in the original text.</summary>
    public IReadOnlyList<int> Origin => _origin;

    /// <summary>Converts <paramref name="source"/>; throws <see cref="RouterSyntaxException"/> for an unclosed comment or string.</summary>
    public static Json5Text Convert(string source)
    {
        var t = new Json5Text(source);
        t.Run();
        return t;
    }

    private void Emit(char c, int origin)
    {
        _out.Append(c);
        _origin.Add(origin);
    }

    private void Run()
    {
        if (_source.Length > 0 && _source[0] == '\uFEFF') _i = 1;
        while (_i < _source.Length)
        {
            var c = _source[_i];
            if (c == '/' && Peek(1) is '/' or '*')
            {
                SkipComment();
            }
            else if (c is '"' or '\'')
            {
                String(c);
            }
            else if (c == ',')
            {
                // JSON5 allows one trailing comma before a closing bracket.
                if (NextSignificant(_i + 1) is var n && n < _source.Length && _source[n] is '}' or ']') _i++;
                else Emit(c, _i++);
            }
            else if (char.IsLetter(c) || c is '_' or '$')
            {
                Identifier();
            }
            else
            {
                Emit(c, _i++);
            }
        }
    }

    private char? Peek(int ahead) => _i + ahead < _source.Length ? _source[_i + ahead] : null;

    private void SkipComment()
    {
        var start = _i;
        if (_source[_i + 1] == '/')
        {
            while (_i < _source.Length && _source[_i] is not ('\n' or '\r')) _i++;
            return;
        }
        var end = _source.IndexOf("*/", _i + 2, StringComparison.Ordinal);
        if (end < 0) throw RouterSyntaxException.At(_source, start, "the /* comment is never closed");
        // A space keeps tokens on either side apart, as the comment did.
        Emit(' ', start);
        _i = end + 2;
    }

    /// <summary>The offset of the next character that is not white space or inside a comment.</summary>
    private int NextSignificant(int from)
    {
        var j = from;
        while (j < _source.Length)
        {
            if (char.IsWhiteSpace(_source[j])) { j++; continue; }
            if (_source[j] == '/' && j + 1 < _source.Length && _source[j + 1] == '/')
            {
                while (j < _source.Length && _source[j] is not ('\n' or '\r')) j++;
                continue;
            }
            if (_source[j] == '/' && j + 1 < _source.Length && _source[j + 1] == '*')
            {
                var end = _source.IndexOf("*/", j + 2, StringComparison.Ordinal);
                if (end < 0) return _source.Length;
                j = end + 2;
                continue;
            }
            break;
        }
        return j;
    }

    private void String(char quote)
    {
        var start = _i;
        Emit('"', _i++);
        while (true)
        {
            if (_i >= _source.Length || _source[_i] is '\n' or '\r')
            {
                throw RouterSyntaxException.At(_source, start, "the string is never closed on its line");
            }
            var c = _source[_i];
            if (c == quote)
            {
                Emit('"', _i++);
                return;
            }
            if (c == '\\' && _i + 1 < _source.Length)
            {
                var next = _source[_i + 1];
                if (next == '\'')
                {
                    // \' is valid JSON5 but not JSON.
                    Emit('\'', _i);
                    _i += 2;
                }
                else if (next is '\n' or '\r')
                {
                    // JSON5 line continuation: the backslash and the line break vanish from the value.
                    _i += 2;
                    if (next == '\r' && _i < _source.Length && _source[_i] == '\n') _i++;
                }
                else
                {
                    Emit(c, _i);
                    Emit(next, _i + 1);
                    _i += 2;
                }
                continue;
            }
            if (c == '"')
            {
                // A double quote inside a single-quoted string.
                Emit('\\', _i);
                Emit('"', _i++);
                continue;
            }
            Emit(c, _i++);
        }
    }

    private void Identifier()
    {
        var start = _i;
        while (_i < _source.Length && (char.IsLetterOrDigit(_source[_i]) || _source[_i] is '_' or '$')) _i++;
        var word = _source[start.._i];
        var isKey = word is not ("true" or "false" or "null") && NextSignificant(_i) is var n && n < _source.Length && _source[n] == ':';
        if (isKey) Emit('"', start);
        for (var k = 0; k < word.Length; k++) Emit(word[k], start + k);
        if (isKey) Emit('"', _i - 1);
    }
}
