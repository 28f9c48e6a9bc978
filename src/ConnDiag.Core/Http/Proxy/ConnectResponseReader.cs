using System.Globalization;
using System.Text;

namespace ConnDiag.Http.Proxy;

/// <summary>
/// Reads a proxy's response head to CONNECT with a byte cap, and never consumes past it: bytes after the blank
/// line belong to the tunnel (or the error body) and are handed back as the leftover.
/// </summary>
internal static class ConnectResponseReader
{
    private const int MaxInterimResponses = 5;
    private const int MaxHeaders = 256;
    private const int FirstBytesKept = 32;
    private static readonly byte[] HttpPrefix = "HTTP/"u8.ToArray();

    public static async Task<HeadReadResult> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Max(maxBytes, 64)];
        var filled = 0;
        var total = 0;
        var interim = 0;
        var scanFrom = 0;
        while (true)
        {
            var check = Math.Min(filled, HttpPrefix.Length);
            if (!buffer.AsSpan(0, check).SequenceEqual(HttpPrefix.AsSpan(0, check))) return Fail(HeadReadError.NotHttp, buffer, filled, total);

            var end = FindHeadEnd(buffer.AsSpan(0, filled), scanFrom);
            if (end < 0)
            {
                scanFrom = Math.Max(0, filled - 3);
                if (filled == buffer.Length) return Fail(HeadReadError.TooLarge, buffer, filled, total);
                var n = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (n == 0) return Fail(HeadReadError.Closed, buffer, filled, total);
                filled += n;
                total += n;
                continue;
            }

            var head = Parse(Encoding.Latin1.GetString(buffer, 0, end));
            if (head is null) return Fail(HeadReadError.NotHttp, buffer, filled, total);
            if (head.StatusCode is >= 100 and < 200 && head.StatusCode != 101 && interim++ < MaxInterimResponses)
            {
                // An interim answer (e.g. 100 Continue) precedes the real one: drop it and go on with what follows.
                Buffer.BlockCopy(buffer, end, buffer, 0, filled - end);
                filled -= end;
                scanFrom = 0;
                continue;
            }
            return new HeadReadResult(head, buffer.AsMemory(end, filled - end), HeadReadError.None, total, buffer.AsMemory(0, Math.Min(end, FirstBytesKept)));
        }
    }

    private static HeadReadResult Fail(HeadReadError error, byte[] buffer, int filled, int total) =>
        new(null, ReadOnlyMemory<byte>.Empty, error, total, buffer.AsMemory(0, Math.Min(filled, FirstBytesKept)));

    /// <summary>Index just past the blank line ending the head (CRLFCRLF, or bare LFLF from sloppy proxies), or -1.</summary>
    internal static int FindHeadEnd(ReadOnlySpan<byte> data, int from)
    {
        for (var i = from; i < data.Length; i++)
        {
            if (data[i] != '\n') continue;
            if (i + 1 < data.Length && data[i + 1] == '\n') return i + 2;
            if (i + 2 < data.Length && data[i + 1] == '\r' && data[i + 2] == '\n') return i + 3;
        }
        return -1;
    }

    /// <summary>Parses <c>HTTP/x.y NNN reason</c> and the header lines; null when the status line is not HTTP.</summary>
    internal static ConnectResponseHead? Parse(string head)
    {
        var lines = head.Split('\n');
        var status = lines[0].TrimEnd('\r');
        // "HTTP/1.1 200" or "HTTP/1.1 200 Connection established"
        if (status.Length < 12 || !status.StartsWith("HTTP/", StringComparison.Ordinal) || status[8] != ' ') return null;
        var version = status[5..8];
        var codeText = status.Substring(9, 3);
        if (!codeText.All(char.IsAsciiDigit) || (status.Length > 12 && status[12] != ' ')) return null;
        var code = int.Parse(codeText, NumberStyles.None, CultureInfo.InvariantCulture);
        var reason = status.Length > 13 ? status[13..].Trim() : "";

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var raw in lines.Skip(1))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if ((line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                // obs-fold: a continuation of the previous header's value.
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + line.Trim());
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            if (headers.Count >= MaxHeaders) break;
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return new ConnectResponseHead(version, code, reason, headers);
    }
}
