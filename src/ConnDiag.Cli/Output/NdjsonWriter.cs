using System.Text.Json;

namespace ConnDiag.Cli.Output;

/// <summary>
/// One compact JSON object per line (NDJSON), flushed per result: for streams that never end on their own
/// (`conndiag watch`), where a consumer reading the pipe (`| conndiag metrics`, `| jq -c`) needs each result
/// as it happens, not an array closed at Ctrl+C.
/// </summary>
internal sealed class NdjsonWriter<T>(TextWriter output) : IResultWriter<T>
{
    private static readonly JsonSerializerOptions Compact = new(JsonOutput.Options) { WriteIndented = false };

    public void Begin()
    {
    }

    public void Write(T item)
    {
        output.WriteLine(JsonSerializer.Serialize(item, Compact));
        output.Flush();
    }

    public void End() => output.Flush();
}
