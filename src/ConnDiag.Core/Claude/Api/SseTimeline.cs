using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ConnDiag.Claude.Api;

/// <summary>One server-sent event as it arrived.</summary>
/// <param name="Name">The <c>event:</c> name (<c>message_start</c>, <c>ping</c>, <c>error</c>...), or <c>message</c> when none was given.</param>
/// <param name="ArrivedMs">When its last byte arrived, from the start of the request.</param>
/// <param name="ErrorType">For an <c>error</c> event, <c>error.type</c>; else null.</param>
/// <param name="ErrorMessage">For an <c>error</c> event, <c>error.message</c>; else null.</param>
public sealed record SseEvent(string Name, double ArrivedMs, string? ErrorType = null, string? ErrorMessage = null);

/// <summary>
/// Splits a response body into server-sent events as its bytes arrive, and stamps each with its arrival time, so
/// a stream that a proxy held back and released at once can be told from one that arrived event by event.
/// Bounded: at most <see cref="MaxEvents"/> events and <see cref="MaxPendingBytes"/> bytes of an unfinished one are kept.
/// </summary>
public sealed class SseTimeline
{
    /// <summary>Most events recorded.</summary>
    public const int MaxEvents = 1000;

    /// <summary>Most bytes of one unfinished event kept.</summary>
    public const int MaxPendingBytes = 64 * 1024;

    private readonly Stopwatch _clock;
    private readonly StringBuilder _pending = new();
    private readonly List<SseEvent> _events = [];
    private readonly object _gate = new();
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

    /// <param name="clock">A running stopwatch started when the request was sent.</param>
    public SseTimeline(Stopwatch clock) => _clock = clock;

    /// <summary>The events so far, in arrival order.</summary>
    public IReadOnlyList<SseEvent> Events
    {
        get
        {
            lock (_gate) return _events.ToList();
        }
    }

    /// <summary>Feeds the next body bytes (called by the probe as it reads).</summary>
    public void OnRead(ReadOnlyMemory<byte> bytes)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed.TotalMilliseconds;
            var chars = new char[_decoder.GetCharCount(bytes.Span, flush: false)];
            _decoder.GetChars(bytes.Span, chars, flush: false);
            _pending.Append(chars);
            var text = _pending.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
            int end;
            while ((end = text.IndexOf("\n\n", StringComparison.Ordinal)) >= 0)
            {
                var block = text[..end];
                text = text[(end + 2)..];
                if (_events.Count < MaxEvents && Parse(block, now) is { } e) _events.Add(e);
            }
            _pending.Clear();
            if (text.Length <= MaxPendingBytes) _pending.Append(text);
        }
    }

    private static SseEvent? Parse(string block, double now)
    {
        string? name = null;
        var data = new StringBuilder();
        foreach (var line in block.Split('\n'))
        {
            if (line.StartsWith(':')) continue;
            if (line.StartsWith("event:", StringComparison.Ordinal)) name = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Append(line[5..].TrimStart());
        }
        if (name is null && data.Length == 0) return null;
        name ??= "message";
        if (name != "error" && !data.ToString().Contains("\"type\":\"error\"", StringComparison.Ordinal)) return new SseEvent(name, now);
        try
        {
            using var doc = JsonDocument.Parse(data.ToString());
            var error = doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
            string? Str(string p) => error.ValueKind == JsonValueKind.Object && error.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new SseEvent("error", now, Str("type"), Str("message"));
        }
        catch (JsonException)
        {
            return new SseEvent("error", now);
        }
    }
}
