using System.Net;
using ConnDiag.Dns;

namespace ConnDiag.Http;

/// <summary>How to probe. Every limit has a default that keeps a hostile or broken server from hanging or flooding the probe.</summary>
public sealed record HttpProbeOptions
{
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(300);
    public const int MaxBodyCap = 256 * 1024 * 1024;
    public const int MaxRedirectLimit = 50;
    public const int MaxRetries = 10;

    /// <summary>Defaults for everything.</summary>
    public static HttpProbeOptions Default { get; } = new();

    /// <summary>Limit for one exchange (one hop): connect, TLS, request, response headers and body.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit for the TCP connect to one address (further capped by <see cref="Timeout"/>).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Connect to this address instead of resolving the URL's host (curl <c>--connect-to</c>): Host and SNI stay
    /// the URL's host. Applies to the URL's own host and port only, so a redirect elsewhere is resolved normally.
    /// </summary>
    public IPEndPoint? ConnectTo { get; init; }

    /// <summary>Restrict resolved addresses to one family (ignored for a pinned address).</summary>
    public AddressFamilyFilter Family { get; init; } = AddressFamilyFilter.Any;

    /// <summary>HTTP version to ask for: 1.1 (default) or 2.0 (offered through ALPN on https, with fallback to 1.1).</summary>
    public Version HttpVersion { get; init; } = System.Net.HttpVersion.Version11;

    /// <summary>Most body bytes read per response (default 1 MiB); past it reading stops and the exchange says so.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Most body bytes kept as the textual preview.</summary>
    public int BodyPreviewBytes { get; init; } = 1024;

    /// <summary>Most response header bytes accepted, in KiB (SocketsHttpHandler.MaxResponseHeadersLength).</summary>
    public int MaxResponseHeadersKiB { get; init; } = 64;

    /// <summary>Follow 301/302/303/307/308 redirects (credentials only ever go to the original host).</summary>
    public bool FollowRedirects { get; init; } = true;

    /// <summary>Most redirects followed per attempt before HTTP.TOO_MANY_REDIRECTS.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>Accept any server certificate; the result records that validation was off.</summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>A PEM file of CA certificates trusted in addition to the system store.</summary>
    public string? CaBundlePath { get; init; }

    /// <summary>Statuses that count as success; null means any status below 400.</summary>
    public IReadOnlyList<int>? ExpectStatus { get; init; }

    /// <summary>A regular expression the final body must match (HTTP.UNEXPECTED_BODY otherwise).</summary>
    public string? ExpectBodyPattern { get; init; }

    /// <summary>Match timeout for <see cref="ExpectBodyPattern"/>, so a pathological pattern cannot hang the probe.</summary>
    public TimeSpan BodyPatternTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>An attempt slower than this (all hops) gets HTTP.SLOW as a warning.</summary>
    public double WarnMs { get; init; } = 500;

    /// <summary>An attempt slower than this gets HTTP.SLOW as an error.</summary>
    public double CriticalMs { get; init; } = 2000;

    /// <summary>Retries after a failed attempt (no response, 408, 429, 500, 502, 503, 504); 0 = off.</summary>
    public int Retries { get; init; }

    /// <summary>First backoff; it doubles per retry, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts (also caps a server's Retry-After).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>With an origin (<c>https://app.example</c>), send a CORS preflight first and judge it like a browser.</summary>
    public string? Origin { get; init; }

    /// <summary>Judge CORS for a credentialed request (no <c>*</c> wildcards; Allow-Credentials required).</summary>
    public bool CorsWithCredentials { get; init; }

    /// <summary>
    /// A proxy for the handler to use (off by default: the probe goes direct). The connect step then connects
    /// to the proxy; <see cref="ConnectTo"/> still applies only to the URL's own host.
    /// </summary>
    public IWebProxy? Proxy { get; init; }

    /// <summary>The User-Agent sent when the request has none.</summary>
    public string UserAgent { get; init; } = "conndiag/" + (typeof(HttpProbeOptions).Assembly.GetName().Version?.ToString(3) ?? "0");

    /// <summary>
    /// Keep the final body (up to <see cref="MaxBodyBytes"/>) for an engine caller that parses it (the status-page
    /// client). Internal: the public result only ever carries the masked preview.
    /// </summary>
    internal bool KeepBody { get; init; }

    /// <summary>
    /// Called with each chunk of a response body as it is read (at most the cap), on the reading thread, so a
    /// caller can time arrivals, e.g. server-sent events. Null: nothing is called.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Action<ReadOnlyMemory<byte>>? OnBodyRead { get; init; }
}
