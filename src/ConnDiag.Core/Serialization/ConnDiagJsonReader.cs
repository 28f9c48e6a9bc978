using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ConnDiag.Serialization;

/// <summary>
/// Reads back what <c>conndiag ... --json</c> writes: one JSON value, one array, or several values one after
/// another (NDJSON, as a watch writes one object per line, or indented documents simply concatenated).
/// Errors name the line and column, counted from 1, in the whole input.
/// </summary>
public static class ConnDiagJsonReader
{
    /// <summary>The most bytes read from one input (a year of one-per-minute watch samples is about 300 MiB; a report is kilobytes).</summary>
    public const int DefaultMaxBytes = 64 * 1024 * 1024;

    /// <summary>Reads a whole stream (at most <paramref name="maxBytes"/>) and parses every top-level value in it.</summary>
    /// <exception cref="ResultInputException">The input is too large or is not JSON.</exception>
    public static async Task<IReadOnlyList<JsonElement>> ReadAllAsync(Stream input, string sourceName, int maxBytes = DefaultMaxBytes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await input.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > maxBytes)
            {
                throw TooLarge(sourceName, maxBytes);
            }
            buffer.Write(chunk, 0, n);
        }
        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), sourceName);
    }

    /// <summary>Reads text (stdin, already decoded) up to <paramref name="maxBytes"/> characters and parses every top-level value in it.</summary>
    /// <exception cref="ResultInputException">The input is too large or is not JSON.</exception>
    public static async Task<IReadOnlyList<JsonElement>> ReadAllAsync(TextReader input, string sourceName, int maxBytes = DefaultMaxBytes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = new StringBuilder();
        var chunk = new char[32768];
        int n;
        while ((n = await input.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length + n > maxBytes) throw TooLarge(sourceName, maxBytes);
            text.Append(chunk, 0, n);
        }
        return Parse(Encoding.UTF8.GetBytes(text.ToString()), sourceName);
    }

    /// <summary>Parses every top-level JSON value in <paramref name="utf8"/>, in order.</summary>
    /// <exception cref="ResultInputException">The text is not JSON (with line and column), or holds no value.</exception>
    public static IReadOnlyList<JsonElement> Parse(ReadOnlyMemory<byte> utf8, string sourceName)
    {
        var values = new List<JsonElement>();
        var offset = utf8.Span.StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        while (true)
        {
            offset = SkipWhitespace(utf8.Span, offset);
            if (offset >= utf8.Length) break;
            var rest = utf8[offset..];
            var length = MeasureValue(rest.Span, out var failure);
            if (failure is not null)
            {
                var (line, column) = Position(utf8.Span, offset, failure);
                throw new ResultInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{sourceName} is not valid JSON at line {line}, column {column}: {FirstSentence(failure.Message)}"));
            }
            using (var doc = JsonDocument.Parse(rest[..length]))
            {
                values.Add(doc.RootElement.Clone());
            }
            offset += length;
        }
        if (values.Count == 0) throw new ResultInputException($"{sourceName} is empty: expected the JSON output of a conndiag command (--json)");
        return values;
    }

    /// <summary>The length of the first complete value, or a failure that says where and why it is not JSON.</summary>
    private static int MeasureValue(ReadOnlySpan<byte> span, out JsonException? failure)
    {
        failure = null;
        // Not the final block: the reader stops after the first complete value instead of rejecting what follows.
        var reader = new Utf8JsonReader(span, isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read())
            {
                // A bare number at the very end needs "more data" to end: read it again as the final block.
                var final = new Utf8JsonReader(span, isFinalBlock: true, state: default);
                final.Read();
                return (int)final.BytesConsumed;
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
            {
                // Incomplete: read it as the final block, which throws with the position where the input ends.
                var final = new Utf8JsonReader(span, isFinalBlock: true, state: default);
                while (final.Read())
                {
                }
                failure = new JsonException("the input ends inside a value");
                return 0;
            }
            return (int)reader.BytesConsumed;
        }
        catch (JsonException ex)
        {
            failure = ex;
            return 0;
        }
    }

    private static (long Line, long Column) Position(ReadOnlySpan<byte> all, int valueStart, JsonException failure)
    {
        var lineInValue = failure.LineNumber ?? 0;
        var byteInLine = failure.BytePositionInLine ?? 0;
        var before = all[..valueStart];
        long line = before.Count((byte)'\n');
        var lastNewline = before.LastIndexOf((byte)'\n');
        var column = lineInValue == 0 ? valueStart - (lastNewline + 1) + byteInLine : byteInLine;
        return (line + lineInValue + 1, column + 1);
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends its own "Path: $ | LineNumber: 0 | ..." (0-based and relative to the value).
        if (message.StartsWith("Expected depth to be zero", StringComparison.Ordinal)) return "the input ends inside an object or array";
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (cut > 0 ? message[..cut] : message).Trim();
        return text.TrimEnd('.');
    }

    private static ResultInputException TooLarge(string sourceName, int maxBytes) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{sourceName} is larger than {(maxBytes % (1024 * 1024) == 0 ? $"{maxBytes / (1024 * 1024)} MiB" : $"{maxBytes} bytes")}, the most that is read: give fewer results (for a long watch, only the latest samples: tail -n 1000)"));

    private static int SkipWhitespace(ReadOnlySpan<byte> span, int offset)
    {
        while (offset < span.Length && span[offset] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') offset++;
        return offset;
    }
}
