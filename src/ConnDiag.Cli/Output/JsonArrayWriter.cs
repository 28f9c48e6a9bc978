using System.Text.Json;

namespace ConnDiag.Cli.Output;

/// <summary>
/// Writes one indented JSON array element by element, flushing each, so a long sweep's results appear as
/// they complete and a cancelled run still leaves a complete, parseable document.
/// </summary>
internal sealed class JsonArrayWriter<T> : IResultWriter<T>
{
    private readonly TextWriter _out;
    private int _count;

    public JsonArrayWriter(TextWriter output) => _out = output;

    public void Begin()
    {
        _out.Write('[');
        _out.Flush();
    }

    public void Write(T item)
    {
        _out.Write(_count++ == 0 ? "\n" : ",\n");
        var json = JsonSerializer.Serialize(item, JsonOutput.Options);
        // Indent the element one level; JSON strings hold no raw line breaks, so splitting on them is safe.
        var first = true;
        foreach (var line in json.Split('\n'))
        {
            if (!first) _out.Write('\n');
            first = false;
            _out.Write("  ");
            _out.Write(line.TrimEnd('\r'));
        }
        _out.Flush();
    }

    public void End()
    {
        _out.Write(_count == 0 ? "]\n" : "\n]\n");
        _out.Flush();
    }
}
