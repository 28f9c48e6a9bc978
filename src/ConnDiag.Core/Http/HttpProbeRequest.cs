namespace ConnDiag.Http;

/// <summary>What to send: the URL, method, headers and body of the request the probe makes.</summary>
/// <param name="Uri">An absolute http or https URL. User info in it is not sent (put credentials in a header).</param>
public sealed record HttpProbeRequest(Uri Uri)
{
    /// <summary>The request method (an HTTP token such as GET, POST, HEAD).</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Request headers, sent in this order; Content-* headers go with the body.</summary>
    public IReadOnlyList<HttpHeaderField> Headers { get; init; } = [];

    /// <summary>The request body, or null for none.</summary>
    public ReadOnlyMemory<byte>? Body { get; init; }

    /// <summary>
    /// Header names the caller marks secret, on top of Authorization, Proxy-Authorization, x-api-key, Cookie and
    /// the other <see cref="Secrets.SecretMasker.DefaultSensitiveHeaders"/>: masked in results and never sent to
    /// another host on a redirect.
    /// </summary>
    public IReadOnlyList<string> SecretHeaderNames { get; init; } = [];
}
