using System.Net;

namespace ConnDiag.Claude.Status;

/// <summary>How to read a status page. The limits keep a slow or hostile page from hanging or flooding the caller.</summary>
public sealed record StatusPageOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(300);

    /// <summary>A real summary is tens of KiB; 2 MiB leaves room for a busy incident history and no more.</summary>
    public const int DefaultMaxBodyBytes = 2 * 1024 * 1024;

    /// <summary>Defaults for everything.</summary>
    public static StatusPageOptions Default { get; } = new();

    /// <summary>Limit for the whole request: lookup, connect, TLS, headers and body (each redirect hop gets its own).</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Most body bytes read; a larger summary is not parsed.</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Connect here instead of resolving the page's host (Host and SNI stay the page's): tests and pinned checks.</summary>
    public IPEndPoint? ConnectTo { get; init; }

    /// <summary>A proxy to go through, or null for a direct request.</summary>
    public IWebProxy? Proxy { get; init; }

    /// <summary>A PEM file of extra CA certificates (an intercepting proxy's root).</summary>
    public string? CaBundlePath { get; init; }

    /// <summary>Reuse a page read within the cache's time to live (60 s); null asks the page every time.</summary>
    public StatusPageCache? Cache { get; init; }
}
