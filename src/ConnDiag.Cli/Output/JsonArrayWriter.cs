using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ConnDiag.Cli.Output;

/// <summary>
/// Writes one indented JSON array element by element, so a long sweep's results appear as they complete
/// and a cancelled run still leaves a complete, parseable document. One Utf8JsonWriter spans the whole
/// array (it keeps the nesting, so elements need no re-indenting), and output is flushed at most every
/// <see cref="FlushInterval"/>: serializing to strings and flushing per element made 10,000-target sweeps
/// spend more time printing than probing.
/// </summary>
internal sealed class JsonArrayWriter<T> : IResultWriter<T>, IDisposable
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter _out;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly Stopwatch _sinceFlush = Stopwatch.StartNew();

    public JsonArrayWriter(TextWriter output)
    {
        _out = output;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JsonOutput.Options.Encoder,
        });
    }

    public void Begin()
    {
        _json.WriteStartArray();
        Drain();
    }

    public void Write(T item)
    {
        JsonSerializer.Serialize(_json, item, JsonOutput.Options);
        if (_sinceFlush.Elapsed >= FlushInterval) Drain();
    }

    public void End()
    {
        _json.WriteEndArray();
        Drain();
        _out.Write('\n');
        _out.Flush();
    }

    public void Dispose() => _json.Dispose();

    private void Drain()
    {
        _json.Flush();
        _out.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _out.Flush();
        // Safe after Flush: the writer has committed its bytes and asks the buffer for fresh memory next time.
        _buffer.Clear();
        _sinceFlush.Restart();
    }
}
