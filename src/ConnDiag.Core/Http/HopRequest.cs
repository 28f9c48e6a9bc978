using System.Net;

namespace ConnDiag.Http;

/// <summary>One request to send on one fresh connection (a hop of a redirect chain, or a preflight).</summary>
/// <param name="Uri">Where to send it.</param>
/// <param name="Method">The method.</param>
/// <param name="Headers">The headers to send (already stripped of credentials when the hop leaves the original host).</param>
/// <param name="Body">The body, or null.</param>
/// <param name="DroppedHeaders">Credential header names left out of this hop, for the record.</param>
/// <param name="Pin">The pinned address, only when this hop goes to the pinned URL's host and port.</param>
/// <param name="KeepBody">Keep the whole body read (for the body pattern).</param>
internal sealed record HopRequest(
    Uri Uri,
    string Method,
    IReadOnlyList<HttpHeaderField> Headers,
    ReadOnlyMemory<byte>? Body,
    IReadOnlyList<string> DroppedHeaders,
    IPEndPoint? Pin,
    bool KeepBody);

/// <summary>What one hop produced.</summary>
/// <param name="Exchange">The record of the exchange, masked.</param>
/// <param name="Failure">Why it failed (no response, or a broken body), or null.</param>
/// <param name="RedirectTarget">The unmasked absolute Location of a 3xx to follow (http/https only), or null.</param>
/// <param name="Body">The whole body read, when it was asked for.</param>
/// <param name="Charset">The response's charset, for decoding the body.</param>
internal sealed record HopOutcome(HttpExchange Exchange, ExchangeFailure? Failure, Uri? RedirectTarget, byte[]? Body, string? Charset);
