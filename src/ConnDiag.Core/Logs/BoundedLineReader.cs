using System.Text;

namespace ConnDiag.Logs;

/// <summary>
/// Reads lines with a length cap: the part of a line past the cap is read and thrown away, never held, so one
/// endless line (a minified bundle, binary junk) costs at most the cap in memory.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, int maxLineChars)
{
    private readonly char[] _buffer = new char[8192];
    private readonly StringBuilder _line = new();
    private int _pos;
    private int _len;
    private bool _eof;

    /// <summary>The next line without its terminator (\n, \r\n or \r), or null at the end.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        var any = false;
        while (true)
        {
            if (_pos == _len)
            {
                if (_eof) return any ? _line.ToString() : null;
                _len = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                _pos = 0;
                if (_len == 0)
                {
                    _eof = true;
                    continue;
                }
            }
            any = true;
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var nl = span.IndexOfAny('\n', '\r');
            var take = nl < 0 ? span.Length : nl;
            var room = maxLineChars - _line.Length;
            if (room > 0) _line.Append(span[..Math.Min(take, room)]);
            if (nl < 0)
            {
                _pos = _len;
                continue;
            }
            _pos += nl + 1;
            if (span[nl] == '\r') await SkipLineFeedAsync(cancellationToken).ConfigureAwait(false);
            return _line.ToString();
        }
    }

    private async ValueTask SkipLineFeedAsync(CancellationToken cancellationToken)
    {
        if (_pos == _len && !_eof)
        {
            _len = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            _pos = 0;
            if (_len == 0) _eof = true;
        }
        if (_pos < _len && _buffer[_pos] == '\n') _pos++;
    }
}
