using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace ConnDiag.Claude.Router;

/// <summary>
/// Turns the JSON5 the router accepts into strict JSON for System.Text.Json, remembering for every output
/// character where it came from so a parse error can name the line and column of the file the user edits.
/// Handled: // and /* */ comments, trailing commas, single-quoted strings, unquoted identifier keys, a BOM,
/// JSON5 escapes (\x41, \v, \0, \', line continuations) and raw tabs in strings, hexadecimal numbers,
/// a leading +, a leading or trailing decimal point, and JSON5's extra white space (no-break space...).
/// Infinity and NaN have no JSON form and fail as syntax errors (no router setting takes them).
/// </summary>
internal sealed partial class Json5Text
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
            else if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                Number();
            }
            else if (char.IsWhiteSpace(c) && c is not (' ' or '\t' or '\n' or '\r'))
            {
                // JSON5 white space that JSON lacks (no-break space, line separator...).
                Emit(' ', _i++);
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
                Escape(_source[_i + 1]);
                continue;
            }
            if (c < ' ')
            {
                // A raw tab (or other control character) is allowed in a JSON5 string, not in JSON.
                EmitText(((int)c).ToString("x4", CultureInfo.InvariantCulture).Insert(0, "\\u"), _i++);
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

    /// <summary>One backslash escape at <see cref="_i"/>, rewritten to its JSON form.</summary>
    private void Escape(char next)
    {
        var at = _i;
        switch (next)
        {
            case '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't' or 'u':
                Emit('\\', at);
                Emit(next, at + 1);
                _i += 2;
                return;
            case '\n' or '\r' or '\u2028' or '\u2029':
                // JSON5 line continuation: the backslash and the line break vanish from the value.
                _i += 2;
                if (next == '\r' && _i < _source.Length && _source[_i] == '\n') _i++;
                return;
            case 'x' when _i + 3 < _source.Length && char.IsAsciiHexDigit(_source[_i + 2]) && char.IsAsciiHexDigit(_source[_i + 3]):
                EmitText("\\u00" + _source.Substring(_i + 2, 2), at);
                _i += 4;
                return;
            case 'v':
                EmitText("\\u000b", at);
                _i += 2;
                return;
            case '0' when _i + 2 >= _source.Length || !char.IsAsciiDigit(_source[_i + 2]):
                EmitText("\\u0000", at);
                _i += 2;
                return;
            default:
                // Any other escaped character stands for itself in JSON5 (\' is the common one).
                Emit(next, at + 1);
                _i += 2;
                return;
        }
    }

    private void EmitText(string text, int origin)
    {
        foreach (var ch in text) Emit(ch, origin);
    }

    /// <summary>A number token, rewritten to JSON: hex to decimal, no leading +, digits on both sides of the point.</summary>
    private void Number()
    {
        var start = _i;
        var j = _i;
        if (_source[j] is '+' or '-') j++;
        var body = j;
        var hex = j + 1 < _source.Length && _source[j] == '0' && _source[j + 1] is 'x' or 'X';
        while (j < _source.Length)
        {
            var ch = _source[j];
            var exponentSign = !hex && ch is '+' or '-' && j > body && _source[j - 1] is 'e' or 'E';
            if (!(char.IsAsciiLetterOrDigit(ch) || ch == '.' || exponentSign)) break;
            j++;
        }
        var sign = _source[start] == '-' ? "-" : "";
        var digits = _source[body..j];
        string? json = null;
        if (hex && digits.Length > 2 && digits[2..].All(char.IsAsciiHexDigit))
        {
            json = sign + BigInteger.Parse("0" + digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
        else if (DecimalNumber().IsMatch(digits))
        {
            var d = digits.StartsWith('.') ? "0" + digits : digits;
            d = TrailingPoint().Replace(d, ".0$1");
            json = sign + d;
        }
        if (json is null)
        {
            // Not a JSON5 number (Infinity, NaN, 1.2.3): pass it through for the parser to place the error.
            for (var k = start; k < j; k++) Emit(_source[k], k);
        }
        else if (json == _source[start..j])
        {
            for (var k = start; k < j; k++) Emit(_source[k], k);
        }
        else
        {
            EmitText(json, start);
        }
        _i = Math.Max(j, start + 1);
    }

    [GeneratedRegex(@"^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")]
    private static partial Regex DecimalNumber();

    [GeneratedRegex(@"\.([eE]|$)")]
    private static partial Regex TrailingPoint();

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
