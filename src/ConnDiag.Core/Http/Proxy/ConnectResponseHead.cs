using System.Globalization;

namespace ConnDiag.Http.Proxy;

/// <summary>A proxy's answer to CONNECT: status line and headers (names as sent, in order).</summary>
internal sealed record ConnectResponseHead(string Version, int StatusCode, string ReasonPhrase, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public IEnumerable<string> GetAll(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public string? Get(string name) => GetAll(name).FirstOrDefault();

    public long? ContentLength =>
        long.TryParse(Get("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public string StatusLine => string.IsNullOrEmpty(ReasonPhrase)
        ? string.Create(CultureInfo.InvariantCulture, $"HTTP/{Version} {StatusCode}")
        : string.Create(CultureInfo.InvariantCulture, $"HTTP/{Version} {StatusCode} {ReasonPhrase}");
}

/// <summary>Why no response head could be read.</summary>
internal enum HeadReadError
{
    None,

    /// <summary>The proxy closed the connection before a complete head.</summary>
    Closed,

    /// <summary>No head end within the byte cap.</summary>
    TooLarge,

    /// <summary>The first bytes are not <c>HTTP/</c>.</summary>
    NotHttp,
}

/// <summary>The outcome of reading a response head: the head, or an error with the first bytes seen.</summary>
internal sealed record HeadReadResult(ConnectResponseHead? Head, ReadOnlyMemory<byte> Leftover, HeadReadError Error, int BytesRead, ReadOnlyMemory<byte> FirstBytes);
