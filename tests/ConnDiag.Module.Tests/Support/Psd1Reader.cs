using System.Globalization;
using System.Text;

namespace ConnDiag.Module.Tests.Support;

/// <summary>A .psd1 the reader cannot accept, with the line and column of the problem.</summary>
internal sealed class Psd1FormatException(string message) : Exception(message);

/// <summary>
/// A strict reader for the subset of PowerShell data files a module manifest needs: one top-level hashtable
/// of hashtables <c>@{ }</c>, arrays <c>@( )</c>, single- and double-quoted strings without expansion,
/// integers, <c>$true</c>/<c>$false</c>/<c>$null</c>, and comments. Anything else is an error, so a manifest
/// that PowerShell would evaluate differently (variables, sub-expressions, commands) fails the test
/// instead of being misread. Hashtable keys are case-insensitive, as in PowerShell.
/// </summary>
internal sealed class Psd1Reader
{
    private readonly string _text;
    private int _pos;

    private Psd1Reader(string text) => _text = text;

    public static Dictionary<string, object?> ParseFile(string path) => Parse(File.ReadAllText(path));

    public static Dictionary<string, object?> Parse(string text)
    {
        var reader = new Psd1Reader(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text);
        reader.SkipBlank(newlines: true);
        if (!reader.Peek("@{")) throw reader.Error("expected the manifest to be one hashtable '@{ ... }'");
        var table = reader.ReadHashtable();
        reader.SkipBlank(newlines: true);
        if (reader._pos < reader._text.Length) throw reader.Error("unexpected text after the closing '}'");
        return table;
    }

    private Dictionary<string, object?> ReadHashtable()
    {
        Expect("@{");
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipBlank(newlines: true);
            while (TryTake(';')) SkipBlank(newlines: true);
            if (TryTake('}')) return table;

            var keyAt = Where();
            var key = ReadKey();
            SkipBlank(newlines: false);
            Expect("=");
            SkipBlank(newlines: true);
            var value = ReadValue();
            if (!table.TryAdd(key, value)) throw new Psd1FormatException($"{keyAt}: duplicate key '{key}'");

            // An entry ends at a newline, ';' or the closing brace; anything else on the line is an error.
            SkipBlank(newlines: false);
            if (AtEnd) throw Error("missing '}'");
            var c = _text[_pos];
            if (c is not ('\n' or '\r' or ';' or '}')) throw Error($"expected a newline, ';' or '}}' after the value of '{key}'");
        }
    }

    private object?[] ReadArray()
    {
        Expect("@(");
        var items = new List<object?>();
        var needSeparator = false;
        var afterComma = false;
        while (true)
        {
            var sawNewline = SkipBlank(newlines: true);
            if (TryTake(')'))
            {
                if (afterComma) throw Error("',' without an element after it");
                return [.. items];
            }
            if (TryTake(','))
            {
                if (!needSeparator) throw Error("',' without an element before it");
                needSeparator = false;
                afterComma = true;
                continue;
            }
            afterComma = false;
            if (needSeparator && !sawNewline) throw Error("expected ',' or a newline between array elements");
            items.Add(ReadValue());
            needSeparator = true;
        }
    }

    private object? ReadValue()
    {
        if (AtEnd) throw Error("expected a value");
        if (Peek("@{")) return ReadHashtable();
        if (Peek("@(")) return ReadArray();
        var c = _text[_pos];
        if (c == '\'') return ReadSingleQuoted();
        if (c == '"') return ReadDoubleQuoted();
        if (c == '$')
        {
            var word = ReadWord(1);
            return word.ToLowerInvariant() switch
            {
                "$true" => true,
                "$false" => false,
                "$null" => null,
                _ => throw Error($"'{word}': variables are not allowed in a manifest"),
            };
        }
        if (char.IsAsciiDigit(c) || c == '-')
        {
            var start = _pos;
            var word = ReadWord(0);
            if (long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            _pos = start;
            throw Error($"'{word}' is not an integer");
        }
        throw Error($"unexpected '{c}': expected a string, array, hashtable, number or $true/$false/$null");
    }

    private string ReadKey()
    {
        if (AtEnd) throw Error("expected a key");
        var c = _text[_pos];
        if (c == '\'') return ReadSingleQuoted();
        if (c == '"') return ReadDoubleQuoted();
        if (!(char.IsAsciiLetter(c) || c == '_')) throw Error($"unexpected '{c}': expected a key");
        var start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.' or '-')) _pos++;
        return _text[start.._pos];
    }

    private string ReadWord(int skip)
    {
        var start = _pos;
        _pos += skip;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.' or '-' or ':')) _pos++;
        return _text[start.._pos];
    }

    private string ReadSingleQuoted()
    {
        var at = Where();
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd) throw new Psd1FormatException($"{at}: unterminated string");
            var c = _text[_pos++];
            if (c == '\'')
            {
                if (!AtEnd && _text[_pos] == '\'') { sb.Append('\''); _pos++; continue; }
                return sb.ToString();
            }
            sb.Append(c);
        }
    }

    private string ReadDoubleQuoted()
    {
        var at = Where();
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd) throw new Psd1FormatException($"{at}: unterminated string");
            var c = _text[_pos];
            // PowerShell would expand these; a data file should not depend on expansion.
            if (c is '$' or '`') throw Error($"'{c}' in a double-quoted string would be expanded by PowerShell: use single quotes");
            _pos++;
            if (c == '"')
            {
                if (!AtEnd && _text[_pos] == '"') { sb.Append('"'); _pos++; continue; }
                return sb.ToString();
            }
            sb.Append(c);
        }
    }

    /// <summary>Skips spaces and comments (and newlines when asked); returns true when a newline was skipped.</summary>
    private bool SkipBlank(bool newlines)
    {
        var sawNewline = false;
        while (!AtEnd)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t') { _pos++; continue; }
            if (c is '\r' or '\n')
            {
                if (!newlines) return sawNewline;
                sawNewline = true;
                _pos++;
                continue;
            }
            if (Peek("<#"))
            {
                var end = _text.IndexOf("#>", _pos + 2, StringComparison.Ordinal);
                if (end < 0) throw Error("unterminated block comment '<#'");
                sawNewline |= _text.AsSpan(_pos, end - _pos).Contains('\n');
                _pos = end + 2;
                continue;
            }
            if (c == '#')
            {
                while (!AtEnd && _text[_pos] is not ('\n' or '\r')) _pos++;
                continue;
            }
            break;
        }
        return sawNewline;
    }

    private bool AtEnd => _pos >= _text.Length;

    private bool Peek(string s) => string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

    private bool TryTake(char c)
    {
        if (AtEnd || _text[_pos] != c) return false;
        _pos++;
        return true;
    }

    private void Expect(string s)
    {
        if (!Peek(s)) throw Error($"expected '{s}'");
        _pos += s.Length;
    }

    private string Where()
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < _pos && i < _text.Length; i++)
        {
            if (_text[i] == '\n') { line++; lineStart = i + 1; }
        }
        return $"line {line}, column {_pos - lineStart + 1}";
    }

    private Psd1FormatException Error(string message) => new($"{Where()}: {message}");
}
