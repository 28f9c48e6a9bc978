using System.Net;
using ConnDiag.Dns;

namespace ConnDiag.Http;

/// <summary>
/// The connect step of an HTTP exchange: turns the host and port the HTTP handler wants into an open byte
/// stream. The default connects directly (pinned or resolved); a proxy tunnel can plug in here and hand
/// back the tunnelled stream. Failures are <see cref="HttpConnectException"/>s carrying their findings.
/// </summary>
public interface IHttpConnector
{
    ValueTask<HttpConnection> ConnectAsync(HttpConnectRequest request, CancellationToken cancellationToken);
}

/// <summary>What the handler asks to connect to.</summary>
/// <param name="Host">Host name or IP literal (the URL's, or the proxy's when the handler uses one).</param>
/// <param name="Port">TCP port.</param>
/// <param name="PinnedEndPoint">Connect here without resolving (set only when the host and port are the pinned URL's).</param>
/// <param name="Family">Restrict resolved addresses to one family.</param>
/// <param name="ConnectTimeout">Limit per TCP connect.</param>
public sealed record HttpConnectRequest(string Host, int Port, IPEndPoint? PinnedEndPoint, AddressFamilyFilter Family, TimeSpan ConnectTimeout);

/// <summary>An open connection. The stream is owned by the HTTP handler from here on.</summary>
/// <param name="Stream">The byte stream (a socket, or a tunnel through a proxy).</param>
/// <param name="RemoteEndPoint">The address and port actually connected to.</param>
/// <param name="DnsMs">Time spent resolving; 0 when pinned or literal. The rest of the connect call is connect time.</param>
/// <param name="TunnelMs">Time of the CONNECT exchange at the end of the call when the stream is a tunnel through a proxy; 0 otherwise.</param>
public sealed record HttpConnection(Stream Stream, IPEndPoint RemoteEndPoint, double DnsMs, double TunnelMs = 0);

/// <summary>A connect step that failed, with the findings that say why (DNS.*, TCP.*, or a proxy's).</summary>
public sealed class HttpConnectException : Exception
{
    public HttpConnectException(HttpPhase phase, IReadOnlyList<Model.Finding> findings, string message, double dnsMs = 0)
        : base(message)
    {
        Phase = phase;
        Findings = findings;
        DnsMs = dnsMs;
    }

    public HttpConnectException()
        : this(HttpPhase.Connect, [], "connect failed")
    {
    }

    public HttpConnectException(string message)
        : this(HttpPhase.Connect, [], message)
    {
    }

    public HttpConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
        Phase = HttpPhase.Connect;
        Findings = [];
    }

    /// <summary>Dns when no address was found, Connect when no address accepted.</summary>
    public HttpPhase Phase { get; }

    public IReadOnlyList<Model.Finding> Findings { get; }

    /// <summary>Time the lookup took before a connect failure (0 when pinned, literal, or the lookup failed).</summary>
    public double DnsMs { get; }

    /// <summary>For a failure in the Proxy phase: how long the connection to the proxy took before the CONNECT exchange.</summary>
    public double? ProxyConnectMs { get; init; }
}
